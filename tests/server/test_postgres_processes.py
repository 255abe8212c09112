"""Several ``cognito-identity serve`` processes on one PostgreSQL database.

They start together on an empty database (schema creation and the default pool must each
happen once), then a burst of SignUp calls for one user name, spread over the three, must
create exactly one user.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
import pytest
import sqlalchemy as sa

from cognito_identity.server.store.schema import clients, pools, users

from ..conftest import STRONG_PASSWORD
from ..postgres import PostgresCluster

PROCESSES = 3
BURST = 24


@pytest.fixture
def empty_database(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """A database without the server's tables (made from template0, not the test template)."""
    postgres_cluster.admin('CREATE DATABASE "processes" TEMPLATE template0')
    yield postgres_cluster.url("processes")
    postgres_cluster.admin('DROP DATABASE IF EXISTS "processes" WITH (FORCE)')


def _start(db_url: str, data_dir: str) -> subprocess.Popen[str]:
    command = [sys.executable, "-m", "cognito_identity.cli", "serve", "--port", "0"]
    command += ["--db", db_url, "--data-dir", data_dir]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _startup_line(process: subprocess.Popen[str]) -> dict[str, Any]:
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.kill()
        pytest.fail(f"serve printed nothing: {process.communicate()[1]}")
    return dict(json.loads(line))


@pytest.fixture
def servers(empty_database: str, tmp_path: Any) -> Iterator[list[dict[str, Any]]]:
    """Three servers started at the same moment; their startup lines."""
    processes = [_start(empty_database, str(tmp_path)) for _ in range(PROCESSES)]
    try:
        yield [_startup_line(process) for process in processes]
    finally:
        for process in processes:
            process.send_signal(signal.SIGTERM)
        for process in processes:
            process.communicate(timeout=30)


def _sign_up(endpoint: str, client_id: str) -> str:
    response = httpx.post(
        endpoint,
        headers={
            "X-Amz-Target": "AWSCognitoIdentityProviderService.SignUp",
            "Content-Type": "application/x-amz-json-1.1",
        },
        json={"ClientId": client_id, "Username": "racer", "Password": STRONG_PASSWORD},
        timeout=60,
    )
    return "200" if response.status_code == 200 else str(response.json()["__type"])


def _count(db_url: str, query: Any) -> int:
    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(query).scalar_one())
    finally:
        engine.dispose()


def test_processes_starting_together_share_one_default_pool(
    servers: list[dict[str, Any]], empty_database: str
) -> None:
    assert len({(line["user_pool_id"], line["client_id"]) for line in servers}) == 1
    assert _count(empty_database, sa.select(sa.func.count()).select_from(pools)) == 1
    assert _count(empty_database, sa.select(sa.func.count()).select_from(clients)) == 1


def test_concurrent_sign_ups_across_processes_make_one_user(
    servers: list[dict[str, Any]], empty_database: str
) -> None:
    client_id = servers[0]["client_id"]
    endpoints = [servers[i % PROCESSES]["endpoint"] for i in range(BURST)]
    with ThreadPoolExecutor(BURST) as executor:
        outcomes = list(executor.map(lambda e: _sign_up(e, client_id), endpoints))
    assert outcomes.count("200") == 1, outcomes
    assert outcomes.count("UsernameExistsException") == BURST - 1, outcomes
    assert _count(empty_database, sa.select(sa.func.count()).select_from(users)) == 1
