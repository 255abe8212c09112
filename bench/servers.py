"""The servers under load: ours (``cognito-identity serve``) and moto's (``moto_server``).

Each runs as its own process pinned to one core (``taskset -c``), is given a pool, an app client
allowing SRP and password sign-in, and confirmed users, all over the same raw JSON wire the load
generator uses. :func:`cpu_seconds` reads the process's CPU time, to tell whether the server's
core was saturated during a run.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from common import VENV_BIN

TARGET_PREFIX = "AWSCognitoIdentityProviderService."
AMZ_JSON = "application/x-amz-json-1.1"
FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
USER_PASSWORD = "Bench-Passw0rd!"
START_TIMEOUT = 30.0


class WireError(RuntimeError):
    """A Cognito call answered with an error body."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        self.code = str(body.get("__type", "?")).rsplit("#", 1)[-1]
        super().__init__(f"{status} {self.code}: {body.get('message', '')}")
        self.status = status


ADMIN_KEY = ("local", "local-secret")


def call(client: httpx.Client, operation: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST one Cognito operation as AWS JSON 1.1; the answer, or WireError."""
    headers = {"X-Amz-Target": TARGET_PREFIX + operation, "Content-Type": AMZ_JSON}
    content = json.dumps(body).encode()
    response = client.post("/", content=content, headers=sign(client, headers, content))
    answer: dict[str, Any] = response.json() if response.content else {}
    if response.status_code != 200:
        raise WireError(response.status_code, answer)
    return answer


def sign(client: httpx.Client, headers: dict[str, str], content: bytes) -> dict[str, str]:
    """``headers`` signed (SigV4, botocore's signer) with the server's default admin key:
    admin operations need it, public ones ignore it."""
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    url = str(client.base_url).rstrip("/") + "/"
    request = AWSRequest(method="POST", url=url, data=content, headers=headers)
    SigV4Auth(Credentials(*ADMIN_KEY), "cognito-idp", "us-east-1").add_auth(request)
    return dict(request.headers.items())


@dataclass(frozen=True)
class Target:
    """A running server with a pool, a client and confirmed users ready for the load."""

    name: str
    endpoint: str
    pid: int
    pool_id: str
    client_id: str
    usernames: tuple[str, ...]


def cpu_seconds(pid: int) -> float:
    """User + system CPU seconds the process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
    return ticks / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    """A port that was free a moment ago (moto_server can't bind port 0 and tell us)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def pinned(command: list[str], cpu: int) -> list[str]:
    """``command`` pinned to one core with taskset (unpinned if taskset is missing)."""
    taskset = shutil.which("taskset")
    return [taskset, "-c", str(cpu), *command] if taskset else command


def _stop(process: subprocess.Popen[str]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def our_server(data_dir: Path, cpu: int) -> Iterator[tuple[str, int, str, str]]:
    """``cognito-identity serve --port 0`` on one core: (endpoint, pid, pool id, client id)."""
    command = [str(VENV_BIN / "cognito-identity"), "serve", "--port", "0"]
    command += ["--data-dir", str(data_dir)]
    log = (data_dir.parent / "our-server.log").open("w")
    process = subprocess.Popen(pinned(command, cpu), stdout=subprocess.PIPE, stderr=log, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        if not line:
            process.wait(timeout=10)
            tail = Path(log.name).read_text()[-3000:]
            raise RuntimeError(f"the server did not start:\n{tail}")
        info = json.loads(line)
        yield info["endpoint"], process.pid, info["user_pool_id"], info["client_id"]
    finally:
        _stop(process)
        log.close()


@contextmanager
def moto(log_dir: Path, cpu: int) -> Iterator[tuple[str, int]]:
    """``moto_server`` on one core: (endpoint, pid)."""
    port = free_port()
    command = [str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)]
    log = (log_dir / "moto-server.log").open("w")
    process = subprocess.Popen(pinned(command, cpu), stdout=log, stderr=log, text=True)
    endpoint = f"http://127.0.0.1:{port}/"
    try:
        _wait_http(endpoint + "moto-api/", process)
        yield endpoint, process.pid
    finally:
        _stop(process)
        log.close()


def _wait_http(url: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{url}: the server exited with status {process.returncode}")
        try:
            httpx.get(url, timeout=1.0)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {START_TIMEOUT} s")


def create_pool(client: httpx.Client) -> tuple[str, str]:
    """A pool and an app client (no secret, SRP and password flows): (pool id, client id)."""
    pool = call(client, "CreateUserPool", {"PoolName": "bench"})["UserPool"]["Id"]
    app = call(
        client,
        "CreateUserPoolClient",
        {"UserPoolId": pool, "ClientName": "bench", "ExplicitAuthFlows": FLOWS},
    )
    return pool, app["UserPoolClient"]["ClientId"]


def create_users(client: httpx.Client, pool_id: str, client_id: str, count: int) -> list[str]:
    """``count`` confirmed users (SignUp, then AdminConfirmSignUp), all with USER_PASSWORD."""
    names = [f"bench-{index:04d}" for index in range(count)]
    for name in names:
        call(client, "SignUp", {"ClientId": client_id, "Username": name, "Password": USER_PASSWORD})
        call(client, "AdminConfirmSignUp", {"UserPoolId": pool_id, "Username": name})
    return names


def prepare(name: str, endpoint: str, pid: int, users: int, pool: tuple[str, str] | None) -> Target:
    """Make (or take) the pool and client, then the users."""
    with httpx.Client(base_url=endpoint, timeout=30.0) as client:
        pool_id, client_id = pool if pool is not None else create_pool(client)
        names = create_users(client, pool_id, client_id, users)
    return Target(name, endpoint, pid, pool_id, client_id, tuple(names))
