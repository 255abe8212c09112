"""Fixtures for the verifier tests: a signed-in user's tokens and a JWKS request counter."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from ..conftest import STRONG_PASSWORD, PoolIds


@dataclass(frozen=True)
class Tokens:
    id_token: str
    access_token: str
    username: str


def sign_in(boto: Any, pool: PoolIds, username: str | None = None) -> Tokens:
    """Sign up, AdminConfirmSignUp, then USER_PASSWORD_AUTH through boto3."""
    username = username or f"user-{secrets.token_hex(4)}"
    boto.sign_up(
        ClientId=pool.client_id,
        Username=username,
        Password=STRONG_PASSWORD,
        UserAttributes=[{"Name": "email", "Value": f"{username}@example.com"}],
    )
    boto.admin_confirm_sign_up(UserPoolId=pool.user_pool_id, Username=username)
    result = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": STRONG_PASSWORD},
    )["AuthenticationResult"]
    return Tokens(result["IdToken"], result["AccessToken"], username)


def issuer_of(pool: PoolIds) -> str:
    """The local server's issuer for ``pool``."""
    return f"{pool.endpoint.rstrip('/')}/{pool.user_pool_id}"


@pytest.fixture
def tokens(boto: Any, pool: PoolIds) -> Tokens:
    return sign_in(boto, pool)


class CountingClient(httpx.Client):
    """An httpx client that counts its JWKS requests."""

    def __init__(self) -> None:
        super().__init__(timeout=5.0)
        self.jwks_requests = 0

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        if request.url.path.endswith("/.well-known/jwks.json"):
            self.jwks_requests += 1
        return super().send(request, **kwargs)


@pytest.fixture
def counting_client() -> Iterator[CountingClient]:
    with CountingClient() as client:
        yield client


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
