"""The example app's pending-MFA cookie (examples/webapp/pending.py): a challenge's
``to_state()`` signed with HMAC-SHA256, checked and resumed by any app instance with the same
secret. Over HTTP with Starlette's TestClient against a local pool (no browser)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from examples.webapp import AppConfig, create_app
from examples.webapp.local import LocalPool, start_local_pool
from examples.webapp.pending import COOKIE, Pending, PendingSignIns, _decode, _encode
from starlette.testclient import TestClient

from tests.conftest import latest_code

SECRET = b"k" * 32
STATE = {"v": 1, "challenge_name": "EMAIL_OTP", "username": "a@example.com"}


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_a_signed_cookie_round_trip_and_its_expiry() -> None:
    clock = Clock()
    signer = PendingSignIns(SECRET, clock=clock)
    value = signer.dump(STATE, "a@example.com")
    assert signer.load(value) == Pending(STATE, "a@example.com")
    clock.now += 179
    assert signer.load(value) is not None
    clock.now += 1
    assert signer.load(value) is None  # three minutes, as Cognito's challenge session


def test_forged_or_broken_cookies_are_refused() -> None:
    signer = PendingSignIns(SECRET)
    value = signer.dump(STATE, "a@example.com")
    body, signature = value.split(".")
    payload = json.loads(_decode(body))
    payload["email"] = "bob@example.com"
    edited = _encode(json.dumps(payload).encode())
    refused = [
        None,
        "",
        body,
        f"{edited}.{signature}",
        f"{body}.{signature[:-1]}",
        f"{body}.{signature}x",
        f"{body}.é",
        PendingSignIns(b"o" * 32).dump(STATE, "a@example.com"),
    ]
    for cookie in refused:
        assert signer.load(cookie) is None, cookie
    forged = _encode(b"not json")  # signed, but not a payload
    assert signer.load(f"{forged}.{signer._sign(forged)}") is None
    with pytest.raises(ValueError):
        PendingSignIns(b"short")


# Over HTTP


EMAIL = "alice@example.com"
PASSWORD = "Corr3ct-Horse!"


@pytest.fixture(scope="module")
def local_pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LocalPool]:
    database = Path(tmp_path_factory.mktemp("webapp-pending")) / "pool.sqlite3"
    local = start_local_pool(f"sqlite:///{database}")
    yield local
    local.stop()


@contextmanager
def client(local: LocalPool, secret: bytes = SECRET) -> Iterator[TestClient]:
    """One app instance (a worker process), its lifespan run (closing its HTTP client)."""
    config = AppConfig(local.user_pool_id, local.client_id, local.endpoint, secret_key=secret)
    with TestClient(create_app(config), follow_redirects=False) as made:
        yield made


def log_in(web: TestClient) -> Any:
    return web.post("/login", data={"email": EMAIL, "password": PASSWORD})


def sign_up(local: LocalPool) -> None:
    with client(local) as web:
        form = {"name": "Alice", "phone": "+15555550100", "email": EMAIL, "password": PASSWORD}
        assert web.post("/signup", data=form).status_code == 303
        code = latest_code(local.endpoint, local.user_pool_id, EMAIL)
        assert web.post("/confirm", data={"email": EMAIL, "code": code}).status_code == 303


def test_the_code_step_in_another_app_instance(local_pool: LocalPool) -> None:
    sign_up(local_pool)
    with client(local_pool) as first:
        answer = log_in(first)
    assert answer.status_code == 303 and answer.headers["location"] == "/mfa"
    set_cookie = answer.headers["set-cookie"]
    assert set_cookie.startswith(f"{COOKIE}=")
    assert "HttpOnly" in set_cookie and "SameSite=lax" in set_cookie and "Max-Age=180" in set_cookie
    assert PASSWORD not in set_cookie
    value = answer.cookies[COOKIE]

    # A forged or foreign cookie, or none, goes back to log-in.
    for secret, cookie in [(SECRET, value[:-2] + "xx"), (b"o" * 32, value), (SECRET, None)]:
        with client(local_pool, secret) as web:
            if cookie is not None:
                web.cookies.set(COOKIE, cookie)
            assert web.get("/mfa").headers["location"] == "/login?expired=1"
            assert web.post("/mfa", data={"code": "1"}).headers["location"] == "/login?expired=1"

    # Another worker: a new app (nothing in memory) with the same secret.
    with client(local_pool) as second:
        second.cookies.set(COOKIE, value)
        page = second.get("/mfa")
        assert page.status_code == 200 and "a***@e***" in page.text
        wrong = second.post("/mfa", data={"code": "000000"})
        assert wrong.status_code == 400  # the cookie stays: the code may be typed again
        code = latest_code(local_pool.endpoint, local_pool.user_pool_id, EMAIL)
        done = second.post("/mfa", data={"code": code})
        assert done.status_code == 303 and done.headers["location"] == "/welcome"
        assert any(name.startswith("CognitoIdentityServiceProvider.") for name in done.cookies)
        assert done.headers.get_list("set-cookie")[-1].startswith(f'{COOKIE}="";')  # deleted

    # The challenge session is spent: replaying the cookie ends at log-in.
    with client(local_pool) as third:
        third.cookies.set(COOKIE, value)
        again = third.post("/mfa", data={"code": code})
        assert again.headers["location"] == "/login?expired=1"
