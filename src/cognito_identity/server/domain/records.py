"""Loading pools and app clients: the lookups every operation starts with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from ...errors import ResourceNotFoundException
from ..store.prepared import Prepared
from ..store.schema import clients, pools

# Every operation starts with one of these: compiled once (store/prepared.py).
_POOL = Prepared(sa.select(pools).where(pools.c.id == sa.bindparam("pool_id")))
_CLIENT = Prepared(sa.select(clients).where(clients.c.id == sa.bindparam("client_id")))


@dataclass(frozen=True)
class PoolRecord:
    """A user pool; ``config`` is its ``UserPoolType`` wire shape as stored."""

    id: str
    name: str
    config: dict[str, Any]
    created_at: float
    updated_at: float

    @property
    def name_part(self) -> str:
        """The part of the id after ``_``: the "pool name" of the SRP maths."""
        return self.id.split("_", 1)[1]


@dataclass(frozen=True)
class ClientRecord:
    """An app client; ``config`` is its ``UserPoolClientType`` wire shape as stored."""

    id: str
    pool_id: str
    name: str
    secret: str | None
    config: dict[str, Any]
    created_at: float
    updated_at: float


def load_pool(conn: Connection, pool_id: str) -> PoolRecord:
    """The pool, or ResourceNotFoundException as Cognito words it."""
    row = _POOL.first(conn, pool_id=pool_id)
    if row is None:
        raise ResourceNotFoundException(f"User pool {pool_id} does not exist.")
    return PoolRecord(**row)


def load_client(conn: Connection, client_id: str, pool_id: str | None = None) -> ClientRecord:
    """The app client (checked against ``pool_id`` when given), or ResourceNotFoundException."""
    row = _CLIENT.first(conn, client_id=client_id)
    if row is None or (pool_id is not None and row["pool_id"] != pool_id):
        raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")
    return ClientRecord(**row)
