"""SQL storage (SQLAlchemy Core): SQLite by default, PostgreSQL by URL."""
