"""Engine creation: one place that knows SQLite's and PostgreSQL's quirks.

Both databases run one write transaction at a time: SQLite with ``BEGIN IMMEDIATE``, PostgreSQL
with a transaction-level advisory lock. Throughput is that of one writer, which a local server
never outgrows; in exchange every operation is as safe on PostgreSQL as on SQLite.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from .schema import metadata


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cursor = dbapi_conn.cursor()
    # WAL lets readers run during a write and survives a killed process; busy_timeout makes
    # concurrent writers wait instead of failing with "database is locked".
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_connect(dbapi_conn: Any, record: Any) -> None:
    # Let SQLAlchemy, not the driver, decide when transactions start (see _sqlite_begin).
    dbapi_conn.isolation_level = None
    _sqlite_pragmas(dbapi_conn, record)


def _sqlite_begin(conn: sa.Connection) -> None:
    # BEGIN IMMEDIATE takes the write lock up front. A deferred transaction that reads and then
    # writes fails at once with SQLITE_BUSY when another writer went first; this one waits.
    conn.exec_driver_sql("BEGIN IMMEDIATE")


#: Key of the transaction-level advisory lock every PostgreSQL transaction takes ("cogn").
WRITE_LOCK_KEY = 0x636F676E


def _postgresql_begin(conn: sa.Connection) -> None:
    # The PostgreSQL twin of BEGIN IMMEDIATE: one transaction at a time, across every process
    # sharing the database. The operations read, decide, then write (a code's attempts, a
    # session used once, "does this pool exist yet?"), and were written for SQLite's
    # serialized writers; at READ COMMITTED two of them could both decide on the same snapshot.
    # The lock ends with the transaction (commit, rollback, or a dropped connection).
    conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


def make_engine(url: str, *, create: bool = True) -> Engine:
    """An engine for ``url`` with the schema created (idempotent)."""
    if url.startswith("sqlite"):
        engine = sa.create_engine(url, connect_args={"check_same_thread": False, "timeout": 10})
        sa.event.listen(engine, "connect", _sqlite_connect)
        sa.event.listen(engine, "begin", _sqlite_begin)
    else:
        engine = sa.create_engine(url, pool_pre_ping=True)
        if engine.dialect.name == "postgresql":
            sa.event.listen(engine, "begin", _postgresql_begin)
    if create:
        # In one locked transaction: several servers starting together on one PostgreSQL
        # database would otherwise race on CREATE TABLE (duplicate pg_type rows).
        with engine.begin() as conn:
            metadata.create_all(conn)
        add_missing_columns(engine)
    return engine


def add_missing_columns(engine: Engine) -> list[str]:
    """Add the nullable columns a newer version declares to tables an older one created.

    ``create_all`` makes missing tables but never alters existing ones, so a data directory
    kept across upgrades would lack new columns. Only nullable columns are added (the only
    kind this project adds to existing tables); returns ``"table.column"`` for each.
    """
    added = []
    with engine.begin() as conn:
        # Inspect through this connection: on SQLite a second one would wait for our lock.
        inspector = sa.inspect(conn)
        for table in metadata.sorted_tables:
            existing = {column["name"] for column in inspector.get_columns(table.name)}
            for column in table.columns:
                if column.name not in existing and column.nullable:
                    kind = column.type.compile(dialect=engine.dialect)
                    conn.exec_driver_sql(
                        f'ALTER TABLE "{table.name}" ADD COLUMN "{column.name}" {kind}'
                    )
                    added.append(f"{table.name}.{column.name}")
    return added
