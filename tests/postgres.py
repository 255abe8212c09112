"""A throwaway PostgreSQL cluster for the tests that run the store on PostgreSQL.

* ``postgres_cluster`` (session): ``initdb`` + ``pg_ctl start`` in a temp dir, once per pytest
  session and only when a test asks for it; stopped and deleted at the end. It listens on a
  unix socket in that dir only (no TCP port to collide with). PostgreSQL refuses to run as
  root, so as root the binaries run as ``nobody``.
* ``postgres_url``: a fresh database per test (dropped afterwards), as a SQLAlchemy URL. It is
  a file copy of a template that already holds the server's tables: 0.1 s instead of 0.6 s.

Missing binaries fail the test with a message saying what to install: a silent skip would let
the PostgreSQL half of the suite vanish unnoticed.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "postgres"
TEMPLATE = "cognito_template"
RUN_AS = "nobody"
# Durability is worthless for a throwaway cluster; these make CREATE DATABASE and commits cheap.
SERVER_OPTIONS = (
    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
    "-c listen_addresses='' -c max_connections=200"
)
_names = itertools.count()


@dataclass(frozen=True)
class PostgresCluster:
    """A running cluster reachable through the unix socket in ``socket_dir``."""

    socket_dir: Path

    def url(self, database: str = "postgres") -> str:
        """SQLAlchemy URL of ``database`` (psycopg 3 driver, socket connection)."""
        return f"postgresql+psycopg://{SUPERUSER}@/{database}?host={self.socket_dir}"

    def admin(self, sql: str) -> None:
        """Run one statement in autocommit (CREATE/DROP DATABASE cannot run in a transaction)."""
        import psycopg

        with psycopg.connect(
            host=str(self.socket_dir), user=SUPERUSER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(sql.encode())


def _binary(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"PostgreSQL's `{name}` is not on PATH: the PostgreSQL tests need a PostgreSQL "
            "server installation (e.g. `apt-get install postgresql`, then put its bin dir, "
            "/usr/lib/postgresql/<version>/bin, on PATH).",
            pytrace=False,
        )
    return found


def _as_postgres_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    return ["runuser", "-u", RUN_AS, "--", *command]


def _run(command: list[str]) -> None:
    result = subprocess.run(
        _as_postgres_user(command), capture_output=True, text=True, timeout=120, check=False
    )
    if result.returncode != 0:
        pytest.fail(f"{command[0]} failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


def start_cluster(base: Path) -> PostgresCluster:
    """initdb + pg_ctl start under ``base`` (made accessible to the PostgreSQL user)."""
    initdb, pg_ctl = _binary("initdb"), _binary("pg_ctl")
    if os.geteuid() == 0:
        shutil.chown(base, user=RUN_AS)
    data = base / "data"
    _run([initdb, "-D", str(data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8", "--no-sync"])
    options = f"{SERVER_OPTIONS} -c unix_socket_directories={base}"
    _run([pg_ctl, "-D", str(data), "-l", str(base / "log"), "-o", options, "-w", "start"])
    cluster = PostgresCluster(base)
    _make_template(cluster)
    return cluster


def _make_template(cluster: PostgresCluster) -> None:
    from cognito_identity.server.store.db import make_engine

    cluster.admin(f'CREATE DATABASE "{TEMPLATE}"')
    # Disposed at once: a template with open connections cannot be copied.
    make_engine(cluster.url(TEMPLATE)).dispose()


def stop_cluster(cluster: PostgresCluster) -> None:
    """Stop immediately: nothing in a throwaway cluster needs a clean shutdown."""
    data = cluster.socket_dir / "data"
    _run([_binary("pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"])


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[PostgresCluster]:
    """One cluster for the whole session, started on first use."""
    # A short path: the socket's full name must fit in 107 bytes.
    base = Path(tempfile.mkdtemp(prefix="cipg-", dir="/tmp"))
    try:
        cluster = start_cluster(base)
        try:
            yield cluster
        finally:
            stop_cluster(cluster)
    finally:
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_cluster: PostgresCluster) -> Iterator[str]:
    """A fresh database for one test; dropped (connections and all) after it."""
    name = f"test_{os.getpid()}_{next(_names)}"
    postgres_cluster.admin(f'CREATE DATABASE "{name}" TEMPLATE "{TEMPLATE}" STRATEGY FILE_COPY')
    yield postgres_cluster.url(name)
    postgres_cluster.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
