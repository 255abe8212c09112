"""Retries over real sockets: a flaky proxy in front of the local server.

The proxy fails the first requests in scripted ways (a 5xx, a dropped connection, throttling, a
slow answer) and then forwards to the real server, so the SDK must retry the transient failures
and never retry an answer that cannot change (NotAuthorizedException).
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cognito_identity import (
    AuthenticationDetails,
    CognitoUser,
    CognitoUserPool,
    NetworkError,
    RetryPolicy,
    errors,
)
from cognito_identity._transport import AsyncTransport
from cognito_identity._wire import Call
from tests.conftest import STRONG_PASSWORD, FakeClock, PoolIds, latest_code

FAST = {"base_delay": 0.01, "max_delay": 0.05}


class FlakyProxy:
    """An HTTP proxy on 127.0.0.1 that plays ``failures`` first, then forwards upstream.

    Failure kinds: ``"500"`` (InternalErrorException), ``"503"`` (an HTML page),
    ``"throttle"`` (TooManyRequestsException), ``"drop"`` (closes the connection without an
    answer), ``"slow"`` (answers after ``slow_seconds``).
    """

    def __init__(self, upstream: str, failures: list[str], slow_seconds: float = 1.0) -> None:
        self.upstream = upstream
        self.failures = list(failures)
        self.slow_seconds = slow_seconds
        self.targets: list[str] = []
        self.lock = threading.Lock()
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> FlakyProxy:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def next_failure(self, target: str) -> str | None:
        with self.lock:
            self.targets.append(target.rsplit(".", 1)[-1])
            return self.failures.pop(0) if self.failures else None

    def _handler(self) -> type[http.server.BaseHTTPRequestHandler]:
        proxy = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                failure = proxy.next_failure(self.headers.get("X-Amz-Target", ""))
                if failure == "drop":
                    self.close_connection = True
                    return
                if failure == "slow":
                    time.sleep(proxy.slow_seconds)
                    failure = None
                status, headers, payload = (
                    canned(failure) if failure else proxy.forward(self.headers, body)
                )
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

        return Handler

    def forward(self, headers: Any, body: bytes) -> tuple[int, dict[str, str], bytes]:
        wanted = ("Content-Type", "X-Amz-Target", "X-Amz-User-Agent")
        sent = {name: headers[name] for name in wanted if headers.get(name)}
        answer = httpx.post(self.upstream, content=body, headers=sent)
        content_type = answer.headers.get("content-type", "application/json")
        return answer.status_code, {"Content-Type": content_type}, answer.content


def canned(kind: str) -> tuple[int, dict[str, str], bytes]:
    json_type = {"Content-Type": "application/x-amz-json-1.1"}
    if kind == "500":
        return 500, json_type, b'{"__type":"InternalErrorException","message":"boom"}'
    if kind == "throttle":
        return 400, json_type, b'{"__type":"TooManyRequestsException","message":"slow down"}'
    return 503, {"Content-Type": "text/html"}, b"<html>Service Unavailable</html>"


@pytest.fixture
def proxy_for(live_server: Any) -> Iterator[Any]:
    started: list[FlakyProxy] = []

    def start(failures: list[str], slow_seconds: float = 1.0) -> FlakyProxy:
        proxy = FlakyProxy(live_server.endpoint, failures, slow_seconds).__enter__()
        started.append(proxy)
        return proxy

    yield start
    for proxy in started:
        proxy.__exit__()


def sdk_pool(pool: PoolIds, endpoint: str, clock: FakeClock, **kwargs: Any) -> CognitoUserPool:
    return CognitoUserPool(pool.user_pool_id, pool.client_id, endpoint, clock=clock, **kwargs)


def test_transient_failures_are_retried_until_the_call_succeeds(
    proxy_for: Any, pool: PoolIds, clock: FakeClock
) -> None:
    proxy = proxy_for(["500", "drop", "throttle", "503"])
    retry = RetryPolicy(max_attempts=5, **FAST)  # type: ignore[arg-type]
    with sdk_pool(pool, proxy.endpoint, clock, retry=retry) as sdk:
        result = sdk.sign_up("alice", STRONG_PASSWORD, {"email": "alice@example.com"})
        assert proxy.targets == ["SignUp"] * 5
        code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
        assert result.user.confirm_registration(code) == "SUCCESS"
        session = result.user.authenticate_user(AuthenticationDetails("alice", STRONG_PASSWORD))
        assert session.is_valid()  # type: ignore[union-attr]


def test_a_slow_answer_times_out_and_is_retried(
    proxy_for: Any, pool: PoolIds, clock: FakeClock
) -> None:
    proxy = proxy_for(["slow"], slow_seconds=1.0)
    retry = RetryPolicy(max_attempts=3, **FAST)  # type: ignore[arg-type]
    timeout = httpx.Timeout(0.3)
    with sdk_pool(pool, proxy.endpoint, clock, retry=retry, timeout=timeout) as sdk:
        sdk.sign_up("bob", STRONG_PASSWORD, {"email": "bob@example.com"})
    assert proxy.targets == ["SignUp", "SignUp"]


def test_failures_past_the_attempt_limit_are_raised(
    proxy_for: Any, pool: PoolIds, clock: FakeClock
) -> None:
    proxy = proxy_for(["drop"] * 10)
    retry = RetryPolicy(max_attempts=3, **FAST)  # type: ignore[arg-type]
    with sdk_pool(pool, proxy.endpoint, clock, retry=retry) as sdk, pytest.raises(NetworkError):
        sdk.sign_up("carol", STRONG_PASSWORD)
    assert len(proxy.targets) == 3


def test_the_total_time_limit_stops_retrying(
    proxy_for: Any, pool: PoolIds, clock: FakeClock
) -> None:
    proxy = proxy_for(["500"] * 100)
    retry = RetryPolicy(max_attempts=100, base_delay=0.05, max_delay=0.1, total_time=0.4)
    started = time.monotonic()
    with (
        sdk_pool(pool, proxy.endpoint, clock, retry=retry) as sdk,
        pytest.raises(errors.InternalErrorException),
    ):
        sdk.sign_up("dave", STRONG_PASSWORD)
    assert time.monotonic() - started < 2.0
    assert 2 <= len(proxy.targets) < 20


def test_errors_that_cannot_change_are_sent_once(
    proxy_for: Any, pool: PoolIds, clock: FakeClock
) -> None:
    proxy = proxy_for([])
    sleeps: list[float] = []
    retry = RetryPolicy(sleep=sleeps.append)
    with sdk_pool(pool, proxy.endpoint, clock, retry=retry) as sdk:
        user = CognitoUser("nobody", sdk)
        with pytest.raises(errors.UserNotFoundException):
            user.authenticate_user(AuthenticationDetails("nobody", STRONG_PASSWORD))
        with pytest.raises(errors.NotAuthorizedException):
            user.refresh_session("not-a-real-refresh-token")
        erin = sdk.sign_up("erin", STRONG_PASSWORD, {"email": "e@example.com"}).user
        code = latest_code(pool.endpoint, pool.user_pool_id, "erin")
        with pytest.raises(errors.CodeMismatchException):
            erin.confirm_registration("000000" if code != "000000" else "111111")
    assert proxy.targets == ["InitiateAuth", "InitiateAuth", "SignUp", "ConfirmSignUp"]
    assert sleeps == []


@pytest.mark.anyio
async def test_async_transport_retries_over_a_socket(proxy_for: Any, pool: PoolIds) -> None:
    proxy = proxy_for(["drop", "500"])
    retry = RetryPolicy(max_attempts=3, **FAST)  # type: ignore[arg-type]
    transport = AsyncTransport(proxy.endpoint, retry=retry)
    try:
        call = Call("ResendConfirmationCode", {"ClientId": pool.client_id, "Username": "nobody"})
        with pytest.raises(errors.UserNotFoundException):
            await transport.send(call)
    finally:
        await transport.aclose()
    assert len(proxy.targets) == 3


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
