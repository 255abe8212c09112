"""The default pool and app client a fresh server starts with (both named ``local``).

``cognito-identity serve`` and ``demo`` call :func:`ensure_default_pool` on start: the first
start creates them through the CreateUserPool / CreateUserPoolClient handlers (so they are
exactly what those operations make); later starts find them by name and return the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.engine import Engine

from .config import ServerConfig
from .domain.clients import ALL_FLOWS
from .ops import OpContext
from .ops.pools import create_user_pool, create_user_pool_client
from .store.schema import clients, pools

DEFAULT_NAME = "local"


@dataclass(frozen=True)
class DefaultPool:
    """Ids of the default pool and its app client (no secret, every auth flow allowed)."""

    user_pool_id: str
    client_id: str


def _find_pool(conn: Connection) -> str | None:
    query = sa.select(pools.c.id).where(pools.c.name == DEFAULT_NAME)
    return conn.execute(query.order_by(pools.c.created_at, pools.c.id).limit(1)).scalar()


def _find_client(conn: Connection, pool_id: str) -> str | None:
    query = sa.select(clients.c.id).where(
        clients.c.pool_id == pool_id, clients.c.name == DEFAULT_NAME
    )
    return conn.execute(query.order_by(clients.c.created_at, clients.c.id).limit(1)).scalar()


def _create_pool(ctx: OpContext) -> str:
    created = create_user_pool(ctx, {"PoolName": DEFAULT_NAME, "AutoVerifiedAttributes": ["email"]})
    return str(created["UserPool"]["Id"])


def _create_client(ctx: OpContext, pool_id: str) -> str:
    request = {
        "UserPoolId": pool_id,
        "ClientName": DEFAULT_NAME,
        "ExplicitAuthFlows": list(ALL_FLOWS),
    }
    return str(create_user_pool_client(ctx, request)["UserPoolClient"]["ClientId"])


def ensure_default_pool(engine: Engine, config: ServerConfig) -> DefaultPool:
    """Find or create the pool and client named ``local``; idempotent.

    Runs in one transaction; on SQLite that is ``BEGIN IMMEDIATE``, so two processes starting
    together on one file create the pool once.
    """
    with engine.begin() as conn:
        ctx = OpContext(
            config,
            conn,
            now=config.clock(),
            base_url=(config.public_url or "").rstrip("/"),
            headers={},
            operation="Bootstrap",
        )
        pool_id = _find_pool(conn) or _create_pool(ctx)
        client_id = _find_client(conn, pool_id) or _create_client(ctx, pool_id)
    return DefaultPool(pool_id, client_id)
