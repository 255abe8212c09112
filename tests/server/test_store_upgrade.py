"""A data directory made by an older version opens with the newer schema."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from cognito_identity.server.store.db import make_engine
from cognito_identity.server.store.schema import metadata, users


def test_new_nullable_columns_are_added_to_old_tables(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    old = sa.create_engine(url)
    with old.begin() as conn:
        # The users table as an older version made it: without pending_attributes.
        conn.exec_driver_sql(
            "CREATE TABLE users (pool_id VARCHAR(64), username_key VARCHAR(256), "
            "PRIMARY KEY (pool_id, username_key))"
        )
        conn.exec_driver_sql("INSERT INTO users VALUES ('p', 'alice')")
    old.dispose()

    engine = make_engine(url)
    try:
        columns = {c["name"] for c in sa.inspect(engine).get_columns("users")}
        assert "pending_attributes" in columns
        assert {c.name for c in users.columns if c.nullable} <= columns
        with engine.connect() as conn:
            assert conn.execute(sa.select(users.c.username_key)).scalar_one() == "alice"
        # Every other table exists too.
        assert set(metadata.tables) <= set(sa.inspect(engine).get_table_names())
    finally:
        engine.dispose()


def test_upgrade_is_idempotent(tmp_path: Path) -> None:
    from cognito_identity.server.store.db import add_missing_columns

    engine = make_engine(f"sqlite:///{tmp_path / 'new.sqlite3'}")
    try:
        assert add_missing_columns(engine) == []
    finally:
        engine.dispose()
