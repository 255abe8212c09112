"""Pools with particular settings for the account tests (aliases, schema, secrets...)."""

from __future__ import annotations

from typing import Any

from ..conftest import PoolIds

ALL_FLOWS = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
]


def make_pool(
    boto: Any, endpoint: str, client: dict[str, Any] | None = None, **settings: Any
) -> PoolIds:
    """A pool with ``settings`` (email auto-verified unless given) and a client allowing every
    flow, with ``client`` settings on top."""
    settings.setdefault("AutoVerifiedAttributes", ["email"])
    pool_id = boto.create_user_pool(PoolName="p", **settings)["UserPool"]["Id"]
    created = boto.create_user_pool_client(
        UserPoolId=pool_id, ClientName="c", ExplicitAuthFlows=ALL_FLOWS, **(client or {})
    )["UserPoolClient"]
    return PoolIds(pool_id, created["ClientId"], endpoint)


def client_secret(boto: Any, pool: PoolIds) -> str:
    """The app client's secret (for clients made with GenerateSecret)."""
    described = boto.describe_user_pool_client(
        UserPoolId=pool.user_pool_id, ClientId=pool.client_id
    )
    return str(described["UserPoolClient"]["ClientSecret"])


def attributes_of(boto: Any, access_token: str) -> dict[str, str]:
    """GetUser's attributes as a dict."""
    listed = boto.get_user(AccessToken=access_token)["UserAttributes"]
    return {item["Name"]: item["Value"] for item in listed}
