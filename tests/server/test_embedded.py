"""EmbeddedServer lifecycle and the default pool bootstrap."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
from starlette.testclient import TestClient

from cognito_identity.server.app import create_app
from cognito_identity.server.bootstrap import ensure_default_pool
from cognito_identity.server.config import ServerConfig
from cognito_identity.server.domain.clients import ALL_FLOWS
from cognito_identity.server.embedded import EmbeddedServer
from tests.conftest import make_boto_client

from ..sigv4_client import base_url, signed_headers


def test_start_stop_twice_on_fresh_ports(server_config: ServerConfig) -> None:
    server = EmbeddedServer(server_config)
    endpoints = []
    for _ in range(2):
        with server:
            assert server.endpoint == f"http://127.0.0.1:{server.port}/"
            assert httpx.get(server.url("/_local/health")).json() == {"status": "ok"}
            endpoints.append(server.endpoint)
        try:
            httpx.get(endpoints[-1] + "_local/health", timeout=1)
            raise AssertionError("still serving after stop()")
        except httpx.TransportError:
            pass
    server.stop()  # idempotent


def test_two_servers_run_side_by_side(server_config: ServerConfig) -> None:
    with EmbeddedServer(server_config) as first, EmbeddedServer(server_config) as second:
        assert first.port != second.port
        for server in (first, second):
            assert httpx.get(server.url("_local/health")).status_code == 200


def test_default_pool_is_created_once_across_apps(tmp_path: Path) -> None:
    config = ServerConfig(db_url=f"sqlite:///{tmp_path / 'shared.sqlite3'}")
    first_app = create_app(config)
    first = ensure_default_pool(first_app.state.engine, config)
    first_app.state.engine.dispose()
    second_app = create_app(config)
    second = ensure_default_pool(second_app.state.engine, config)
    assert ensure_default_pool(second_app.state.engine, config) == second == first
    with TestClient(second_app) as http:
        content = json.dumps({"MaxResults": 60}).encode()
        target = {"x-amz-target": "AWSCognitoIdentityProviderService.ListUserPools"}
        headers = signed_headers(base_url(http), target, content)
        pools = http.post("/", content=content, headers=headers).json()["UserPools"]
    assert [pool["Id"] for pool in pools] == [first.user_pool_id]


def test_default_pool_and_client_settings(server_config: ServerConfig) -> None:
    with EmbeddedServer(server_config) as server:
        default = server.default_pool()
        boto = make_boto_client(server.endpoint)
        pool = boto.describe_user_pool(UserPoolId=default.user_pool_id)["UserPool"]
        client = boto.describe_user_pool_client(
            UserPoolId=default.user_pool_id, ClientId=default.client_id
        )["UserPoolClient"]
    assert pool["Name"] == "local"
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert "UsernameAttributes" not in pool
    assert client["ClientName"] == "local"
    assert "ClientSecret" not in client
    assert sorted(client["ExplicitAuthFlows"]) == sorted(ALL_FLOWS)


def test_the_boto_fixture_talks_to_the_live_server(boto: Any, live_server: Any) -> None:
    assert boto.meta.endpoint_url.rstrip("/") == live_server.endpoint.rstrip("/")
    assert boto.list_user_pools(MaxResults=1)["UserPools"] == []


RUN_SERVER = """
import sys
from cognito_identity.server.config import ServerConfig
from cognito_identity.server.embedded import run_server

def ready(server, default):
    print(server.endpoint, default.user_pool_id, flush=True)

run_server(ServerConfig(db_url=sys.argv[1]), port=0, on_ready=ready)
"""


def test_run_server_serves_until_sigterm_then_exits_zero(tmp_path: Path) -> None:
    process = subprocess.Popen(
        [sys.executable, "-W", "error", "-c", RUN_SERVER, f"sqlite:///{tmp_path / 'r.sqlite3'}"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        endpoint, pool_id = process.stdout.readline().split()
        assert httpx.get(f"{endpoint}{pool_id}/.well-known/jwks.json").status_code == 200
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=15)
    assert process.returncode == 0, err
    assert err == ""


def test_listening_socket_says_it_is_tcp() -> None:
    # asyncio sets TCP_NODELAY on accepted connections only when the listening socket's proto
    # is IPPROTO_TCP; with proto 0 every answer waited ~40 ms for a delayed ACK (Nagle).
    # Speed itself is measured in bench/, not asserted here.
    import socket

    from cognito_identity.server.embedded import bind_socket

    with bind_socket("127.0.0.1", 0) as sock:
        assert sock.proto == socket.IPPROTO_TCP


def _raw_exchange(server: EmbeddedServer, request: bytes) -> bytes:
    import socket

    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def test_invalid_http_gets_an_aws_shaped_400(live_server: EmbeddedServer) -> None:
    # A space in a header name: refused by httptools and by h11 (the fallback) alike.
    bad_header = (
        b"POST / HTTP/1.1\r\nHost: x\r\nBad Header: 1\r\nContent-Type: text/plain\r\n"
        b"X-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools\r\n"
        b"Content-Length: 2\r\n\r\n{}"
    )
    bad_request_line = b"NOT HTTP AT ALL\r\n\r\n"
    for request in (bad_header, bad_request_line):
        head, _, body = _raw_exchange(live_server, request).partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 400"), head
        assert b"application/x-amz-json-1.1" in head.lower()
        assert json.loads(body) == {
            "__type": "SerializationException",
            "message": "Invalid HTTP request received.",
        }
    # The server keeps serving after closing those connections.
    health = httpx.get(f"{live_server.endpoint}_local/health", timeout=10)
    assert health.json() == {"status": "ok"}
