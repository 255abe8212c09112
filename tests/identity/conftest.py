"""Fixtures for identity pools: a boto3 cognito-identity client and a pool trusting ``pool``."""

from __future__ import annotations

import secrets
from typing import Any

import pytest

from ..conftest import STRONG_PASSWORD, PoolIds


def provider_name(pool: PoolIds) -> str:
    """The Logins key of ``pool`` on the local server: its issuer without the scheme."""
    return f"{pool.endpoint.split('://', 1)[1].rstrip('/')}/{pool.user_pool_id}"


@pytest.fixture
def identity_boto(live_server: Any) -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client(
        "cognito-identity",
        endpoint_url=live_server.endpoint,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local-secret",
        config=Config(retries={"max_attempts": 1}),
    )


def create_identity_pool(identity_boto: Any, pool: PoolIds, **extra: Any) -> str:
    created = identity_boto.create_identity_pool(
        IdentityPoolName="test identities",
        AllowUnauthenticatedIdentities=extra.pop("AllowUnauthenticatedIdentities", False),
        CognitoIdentityProviders=extra.pop(
            "CognitoIdentityProviders",
            [{"ProviderName": provider_name(pool), "ClientId": pool.client_id}],
        ),
        **extra,
    )
    return str(created["IdentityPoolId"])


@pytest.fixture
def identity_pool_id(identity_boto: Any, pool: PoolIds) -> str:
    return create_identity_pool(identity_boto, pool)


def id_token(boto: Any, pool: PoolIds, username: str | None = None) -> str:
    """A fresh user's ID token (sign-up, AdminConfirmSignUp, USER_PASSWORD_AUTH)."""
    username = username or f"user-{secrets.token_hex(4)}"
    boto.sign_up(ClientId=pool.client_id, Username=username, Password=STRONG_PASSWORD)
    boto.admin_confirm_sign_up(UserPoolId=pool.user_pool_id, Username=username)
    result = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": STRONG_PASSWORD},
    )
    return str(result["AuthenticationResult"]["IdToken"])
