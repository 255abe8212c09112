"""Fixtures shared by every test package.

* ``clock``: a settable clock injected into the server (codes and tokens expire on demand).
* ``server_config``: a server on a fresh SQLite file in ``tmp_path``; in modules marked
  ``pytest.mark.postgres``, each test runs twice: on SQLite and on a fresh PostgreSQL database
  (``db_backend`` / ``db_url``, cluster from tests/postgres.py).
* ``app``: the ASGI app in-process; ``http``: a sync httpx client bound to it (no socket).
* ``live_server``: the same server on a real socket (uvicorn on 127.0.0.1, free port).
* ``boto``: a boto3 cognito-idp client pointed at the live server.
* ``pool``: a fresh pool (email auto-verified) with an app client allowing every flow.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from .postgres import postgres_cluster, postgres_url

__all__ = ["postgres_cluster", "postgres_url"]  # fixtures, imported to be found by pytest


class FakeClock:
    """Callable clock that starts at the real time and moves only when told."""

    def __init__(self, start: float | None = None) -> None:
        self.now = time.time() if start is None else start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


BACKENDS = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Run tests marked ``postgres`` once per backend (see :data:`BACKENDS`)."""
    marked = metafunc.definition.get_closest_marker("postgres") is not None
    if marked and "db_backend" in metafunc.fixturenames:
        metafunc.parametrize("db_backend", BACKENDS)


@pytest.fixture
def db_backend() -> str:
    """The database the server stores into: SQLite unless the test is marked ``postgres``."""
    return "sqlite"


@pytest.fixture
def db_url(db_backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A fresh database of ``db_backend``: a file in ``tmp_path`` or a new PostgreSQL database."""
    if db_backend == "postgresql":
        return str(request.getfixturevalue("postgres_url"))
    return f"sqlite:///{tmp_path / 'pool.sqlite3'}"


@pytest.fixture
def server_config(db_url: str, clock: FakeClock) -> Any:
    from cognito_identity.server.config import ServerConfig

    return ServerConfig(db_url=db_url, clock=clock)


@pytest.fixture
def app(server_config: Any) -> Any:
    from cognito_identity.server.app import create_app

    return create_app(server_config)


@pytest.fixture
def http(app: Any) -> Iterator[Any]:
    """In-process HTTP client (starlette TestClient); its base URL is http://testserver."""
    from starlette.testclient import TestClient

    with TestClient(app) as client:
        yield client


@pytest.fixture
def live_server(server_config: Any) -> Iterator[Any]:
    from cognito_identity.server.embedded import EmbeddedServer

    with EmbeddedServer(server_config) as server:
        yield server


def make_boto_client(endpoint: str) -> Any:
    import boto3
    from botocore.config import Config

    return boto3.client(
        "cognito-idp",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local-secret",
        config=Config(retries={"max_attempts": 1}),
    )


@pytest.fixture
def boto(live_server: Any) -> Any:
    return make_boto_client(live_server.endpoint)


@dataclass(frozen=True)
class PoolIds:
    user_pool_id: str
    client_id: str
    endpoint: str


STRONG_PASSWORD = "Corr3ct-Horse!"


@pytest.fixture
def pool(boto: Any, live_server: Any) -> PoolIds:
    """A pool that auto-verifies email, with a client (no secret) allowing every auth flow."""
    created = boto.create_user_pool(PoolName="test-pool", AutoVerifiedAttributes=["email"])
    pool_id = created["UserPool"]["Id"]
    client = boto.create_user_pool_client(
        UserPoolId=pool_id,
        ClientName="test-client",
        ExplicitAuthFlows=[
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
            "ALLOW_CUSTOM_AUTH",
            "ALLOW_ADMIN_USER_PASSWORD_AUTH",
        ],
    )
    return PoolIds(pool_id, client["UserPoolClient"]["ClientId"], live_server.endpoint)


def latest_code(endpoint: str, pool_id: str, username: str) -> str:
    """The newest code the server "sent" to ``username`` (read from GET /_local/messages)."""
    import httpx

    response = httpx.get(
        endpoint.rstrip("/") + "/_local/messages",
        params={"pool_id": pool_id, "username": username},
    )
    response.raise_for_status()
    messages = response.json()["messages"]
    assert messages, f"no message was sent to {username}"
    return str(messages[0]["code"])
