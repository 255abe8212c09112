"""store/prepared.py: statements compiled once and run on the driver's cursor must give what
SQLAlchemy gives (types converted both ways, defaults, rowcounts), on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa

from cognito_identity.server.store.db import make_engine
from cognito_identity.server.store.prepared import Prepared

pytestmark = pytest.mark.postgres

meta = sa.MetaData()
things = sa.Table(
    "prepared_things",
    meta,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("data", sa.JSON, nullable=True),
    sa.Column("flag", sa.Boolean, nullable=False),
    sa.Column("at", sa.Float, nullable=False),
    sa.Column("count", sa.Integer, nullable=False),
)

INSERT = Prepared(things.insert())
BY_ID = Prepared(sa.select(things).where(things.c.id == sa.bindparam("id")))
NEWEST = Prepared(sa.select(things.c.id).order_by(things.c.at.desc()).limit(2))
FLAGGED = Prepared(
    sa.select(things.c.id, things.c.count)
    .where(things.c.flag.is_(True), things.c.count >= sa.bindparam("least"))
    .order_by(things.c.id)
)
UNFLAG = Prepared(
    things.update()
    .where(things.c.id == sa.bindparam("key"), things.c.flag.is_(True))
    .values(flag=False)
)


@pytest.fixture
def engine(db_url: str) -> Iterator[sa.Engine]:
    engine = make_engine(db_url)
    meta.create_all(engine)
    yield engine
    engine.dispose()


def _insert(conn: sa.Connection, key: str, **overrides: Any) -> None:
    row = {"id": key, "data": {"a": [1, "x"]}, "flag": True, "at": 1.5, "count": 3}
    INSERT.run(conn, **(row | overrides))


def test_round_trip_matches_sqlalchemy(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        _insert(conn, "one", data={"nested": {"k": True}, "n": None}, at=2.25)
        _insert(conn, "two", data=None, flag=False)
    with engine.begin() as conn:
        mine = BY_ID.first(conn, id="one")
        theirs = conn.execute(sa.select(things).where(things.c.id == "one")).mappings().one()
        assert mine == dict(theirs)
        assert mine == {
            "id": "one",
            "data": {"nested": {"k": True}, "n": None},
            "flag": True,
            "at": 2.25,
            "count": 3,
        }
        assert BY_ID.first(conn, id="two") == dict(
            conn.execute(sa.select(things).where(things.c.id == "two")).mappings().one()
        )
        assert BY_ID.first(conn, id="nobody") is None


def test_values_written_in_the_statement_and_rowcounts(engine: sa.Engine) -> None:
    with engine.begin() as conn:
        for n, key in enumerate(["a", "b", "c", "d"]):
            _insert(conn, key, at=float(n), count=n, flag=key != "c")
        assert [row["id"] for row in NEWEST.all(conn)] == ["d", "c"]  # LIMIT 2 from .limit()
        assert FLAGGED.all(conn, least=1) == [{"id": "b", "count": 1}, {"id": "d", "count": 3}]
        assert UNFLAG.run(conn, key="b") == 1
        assert UNFLAG.run(conn, key="b") == 0  # already unflagged: the WHERE no longer matches
        assert FLAGGED.all(conn, least=0) == [{"id": "a", "count": 0}, {"id": "d", "count": 3}]


def test_runs_inside_the_callers_transaction(engine: sa.Engine) -> None:
    with pytest.raises(RuntimeError), engine.begin() as conn:
        _insert(conn, "rolled-back")
        assert BY_ID.first(conn, id="rolled-back") is not None
        raise RuntimeError("abort")
    with engine.begin() as conn:
        assert BY_ID.first(conn, id="rolled-back") is None


def test_a_missing_parameter_is_refused_before_running(engine: sa.Engine) -> None:
    with engine.begin() as conn, pytest.raises(TypeError, match="'id'"):
        BY_ID.first(conn)
    with engine.begin() as conn, pytest.raises(TypeError, match="'flag'"):
        INSERT.run(conn, id="x", data=None, at=1.0, count=1)


def test_in_lists_cannot_be_prepared(engine: sa.Engine) -> None:
    in_list = Prepared(sa.select(things).where(things.c.id.in_(["a", "b"])))
    with engine.begin() as conn, pytest.raises(ValueError, match="expanding"):
        in_list.all(conn)
