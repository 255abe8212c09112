"""User pool and app client management: CreateUserPool ... DeleteUserPoolClient.

Settings live in their wire shape (see :mod:`..domain.pool_settings` and
:mod:`..domain.clients`); these handlers store, merge and return them. Timestamps leave as
epoch seconds, which is how AWS JSON 1.1 carries them and how botocore parses them.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection

from ...errors import InvalidParameterException
from ..domain import ids
from ..domain.clients import new_client_config, updated_client_config
from ..domain.keys import create_pool_key
from ..domain.mfa_config import check_pool_mfa
from ..domain.pool_settings import new_pool_config, updated_pool_config
from ..domain.records import ClientRecord, PoolRecord, load_client, load_pool
from ..store.schema import clients, metadata, pools, users
from . import Body, OpContext, operation

DEFAULT_CLIENT_PAGE = 60
_ID_ATTEMPTS = 5


def pool_shape(conn: Connection, pool: PoolRecord) -> dict[str, Any]:
    """The ``UserPoolType`` of DescribeUserPool: stored settings, dates and the user count."""
    count = conn.execute(
        sa.select(sa.func.count()).select_from(users).where(users.c.pool_id == pool.id)
    ).scalar_one()
    return {
        **pool.config,
        "Name": pool.name,
        "LastModifiedDate": pool.updated_at,
        "CreationDate": pool.created_at,
        "EstimatedNumberOfUsers": count,
    }


def client_shape(client: ClientRecord) -> dict[str, Any]:
    """The ``UserPoolClientType`` of DescribeUserPoolClient (ClientSecret only if it has one)."""
    shape = {
        "UserPoolId": client.pool_id,
        "ClientName": client.name,
        "ClientId": client.id,
        **client.config,
        "LastModifiedDate": client.updated_at,
        "CreationDate": client.created_at,
    }
    if client.secret is not None:
        shape["ClientSecret"] = client.secret
    return shape


def _unused_id(conn: Connection, table: sa.Table, make: Any) -> str:
    # Ids are random; a collision is astronomically rare but must not become a 500.
    for _ in range(_ID_ATTEMPTS):
        candidate = str(make())
        exists = conn.execute(sa.select(table.c.id).where(table.c.id == candidate)).first()
        if exists is None:
            return candidate
    raise InvalidParameterException("Could not allocate a unique id; try again.")


@operation("CreateUserPool")
def create_user_pool(ctx: OpContext, body: Body) -> Body:
    """Create a pool with Cognito's defaults and its own RSA signing key."""
    region = ctx.config.region
    pool_id = _unused_id(ctx.conn, pools, lambda: ids.pool_id(ctx.random_bytes, region))
    config = new_pool_config(body, pool_id, region)
    check_pool_mfa(ctx, None, config)
    ctx.conn.execute(
        pools.insert().values(
            id=pool_id, name=config["Name"], config=config, created_at=ctx.now, updated_at=ctx.now
        )
    )
    create_pool_key(ctx.conn, pool_id, ctx.now)
    return {"UserPool": pool_shape(ctx.conn, load_pool(ctx.conn, pool_id))}


@operation("DescribeUserPool")
def describe_user_pool(ctx: OpContext, body: Body) -> Body:
    """The pool's settings, dates and estimated number of users."""
    return {"UserPool": pool_shape(ctx.conn, load_pool(ctx.conn, body["UserPoolId"]))}


def _pool_description(row: Any) -> dict[str, Any]:
    return {
        "Id": row.id,
        "Name": row.name,
        "LambdaConfig": row.config.get("LambdaConfig", {}),
        "LastModifiedDate": row.updated_at,
        "CreationDate": row.created_at,
    }


@operation("ListUserPools")
def list_user_pools(ctx: OpContext, body: Body) -> Body:
    """Pools in id order, ``MaxResults`` at a time; ``NextToken`` is the last id returned."""
    query = sa.select(pools).order_by(pools.c.id)
    if body.get("NextToken"):
        query = query.where(pools.c.id > body["NextToken"])
    rows = ctx.conn.execute(query.limit(body["MaxResults"] + 1)).all()
    page = rows[: body["MaxResults"]]
    result: Body = {"UserPools": [_pool_description(row) for row in page]}
    if len(rows) > len(page):
        result["NextToken"] = page[-1].id
    return result


def _delete_rows_of(conn: Connection, column: str, value: str) -> None:
    """Delete every row whose ``column`` equals ``value``, in every table that has one."""
    # Children before parents; looking tables up by column also catches tables added later.
    for table in reversed(metadata.sorted_tables):
        if column in table.c:
            conn.execute(table.delete().where(table.c[column] == value))


@operation("DeleteUserPool")
def delete_user_pool(ctx: OpContext, body: Body) -> Body:
    """Delete the pool with its clients, users, keys, codes, sessions and messages."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    if pool.config.get("DeletionProtection") == "ACTIVE":
        raise InvalidParameterException(
            "The user pool cannot be deleted because deletion protection is activated. "
            "Deletion protection must be inactivated first."
        )
    _delete_rows_of(ctx.conn, "pool_id", pool.id)
    ctx.conn.execute(pools.delete().where(pools.c.id == pool.id))
    return {}


@operation("UpdateUserPool")
def update_user_pool(ctx: OpContext, body: Body) -> Body:
    """Replace the pool's settings: left-out ones go back to their defaults, as in Cognito
    (see ``updated_pool_config``)."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    config = updated_pool_config(pool.config, body)
    check_pool_mfa(ctx, pool.id, config)
    ctx.conn.execute(
        pools.update()
        .where(pools.c.id == pool.id)
        .values(name=config["Name"], config=config, updated_at=ctx.now)
    )
    return {}


def _schema_names(pool: PoolRecord) -> set[str]:
    return {attr["Name"] for attr in pool.config.get("SchemaAttributes", [])}


def _secret_for(ctx: OpContext, body: Body) -> str | None:
    if body.get("ClientSecret"):
        return str(body["ClientSecret"])
    return ids.client_secret(ctx.random_bytes) if body.get("GenerateSecret") else None


@operation("CreateUserPoolClient")
def create_user_pool_client(ctx: OpContext, body: Body) -> Body:
    """Create an app client; a secret when ``GenerateSecret`` (or ``ClientSecret``) is given."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    config = new_client_config(body, _schema_names(pool))
    client_id = _unused_id(ctx.conn, clients, lambda: ids.client_id(ctx.random_bytes))
    ctx.conn.execute(
        clients.insert().values(
            id=client_id,
            pool_id=pool.id,
            name=config.pop("ClientName"),
            secret=_secret_for(ctx, body),
            config=config,
            created_at=ctx.now,
            updated_at=ctx.now,
        )
    )
    return {"UserPoolClient": client_shape(load_client(ctx.conn, client_id, pool.id))}


def _load_client_of_pool(conn: Connection, body: Body) -> ClientRecord:
    """The client named by ``ClientId`` in the pool ``UserPoolId`` (pool checked first)."""
    pool = load_pool(conn, body["UserPoolId"])
    return load_client(conn, body["ClientId"], pool.id)


@operation("DescribeUserPoolClient")
def describe_user_pool_client(ctx: OpContext, body: Body) -> Body:
    """The app client's settings (and its secret, as Cognito returns it)."""
    return {"UserPoolClient": client_shape(_load_client_of_pool(ctx.conn, body))}


@operation("ListUserPoolClients")
def list_user_pool_clients(ctx: OpContext, body: Body) -> Body:
    """The pool's clients in id order (default 60 a page); ``NextToken`` is the last id."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    limit = body.get("MaxResults") or DEFAULT_CLIENT_PAGE
    query = sa.select(clients).where(clients.c.pool_id == pool.id).order_by(clients.c.id)
    if body.get("NextToken"):
        query = query.where(clients.c.id > body["NextToken"])
    rows = ctx.conn.execute(query.limit(limit + 1)).all()
    page = rows[:limit]
    listed = [{"ClientId": r.id, "UserPoolId": r.pool_id, "ClientName": r.name} for r in page]
    result: Body = {"UserPoolClients": listed}
    if len(rows) > len(page):
        result["NextToken"] = page[-1].id
    return result


@operation("DeleteUserPoolClient")
def delete_user_pool_client(ctx: OpContext, body: Body) -> Body:
    """Delete the client and the sessions and refresh tokens issued through it."""
    client = _load_client_of_pool(ctx.conn, body)
    _delete_rows_of(ctx.conn, "client_id", client.id)
    ctx.conn.execute(clients.delete().where(clients.c.id == client.id))
    return {}


@operation("UpdateUserPoolClient")
def update_user_pool_client(ctx: OpContext, body: Body) -> Body:
    """Replace the client's settings (left-out ones go back to their defaults, as in
    Cognito; the name and secret stay); returns the updated client."""
    client = _load_client_of_pool(ctx.conn, body)
    pool = load_pool(ctx.conn, client.pool_id)
    config = updated_client_config(
        {**client.config, "ClientName": client.name}, body, _schema_names(pool)
    )
    ctx.conn.execute(
        clients.update()
        .where(clients.c.id == client.id)
        .values(name=config.pop("ClientName"), config=config, updated_at=ctx.now)
    )
    return {"UserPoolClient": client_shape(load_client(ctx.conn, client.id, pool.id))}
