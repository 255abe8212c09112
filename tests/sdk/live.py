"""Helpers for SDK tests against the real local server, in-process or over a socket.

Use :func:`pool_maker` from a fixture parametrized with ``MODES``; the SDK pools it makes share
the server's FakeClock, so advancing the clock expires tokens and codes on both sides.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from cognito_identity import AuthenticationDetails, CognitoUser, CognitoUserPool, Storage
from tests.conftest import STRONG_PASSWORD, FakeClock, PoolIds, latest_code

MODES = ["in-process", "socket"]
EMAIL = "alice@example.com"


class PoolMaker:
    """Makes SDK pools on the test pool; closes them at the end of the test."""

    def __init__(self, mode: str, ids: PoolIds, clock: FakeClock, http: Any = None) -> None:
        self.mode = mode
        self.ids = ids
        self.clock = clock
        self.http = http
        self.made: list[CognitoUserPool] = []

    def __call__(
        self, storage: Storage | None = None, *, client_id: str | None = None, **kwargs: Any
    ) -> CognitoUserPool:
        ids = (self.ids.user_pool_id, client_id or self.ids.client_id)
        if self.mode == "in-process":
            kwargs.setdefault("http_client", self.http)
            sdk = CognitoUserPool(*ids, "http://testserver/", storage, clock=self.clock, **kwargs)
        else:
            sdk = CognitoUserPool(*ids, self.ids.endpoint, storage, clock=self.clock, **kwargs)
        self.made.append(sdk)
        return sdk

    def close(self) -> None:
        for sdk in self.made:
            sdk.close()


def pool_maker(
    request: pytest.FixtureRequest, ids: PoolIds, clock: FakeClock
) -> Iterator[PoolMaker]:
    """The body of a ``make_pool`` fixture parametrized with :data:`MODES`."""
    http = request.getfixturevalue("http") if request.param == "in-process" else None
    maker = PoolMaker(request.param, ids, clock, http)
    yield maker
    maker.close()


def register(
    sdk: CognitoUserPool, ids: PoolIds, username: str = "alice", email: str = EMAIL
) -> CognitoUser:
    """Sign up and confirm ``username`` with the code from the outbox."""
    result = sdk.sign_up(username, STRONG_PASSWORD, {"email": email})
    result.user.confirm_registration(latest_code(ids.endpoint, ids.user_pool_id, username))
    return result.user


def signed_in(sdk: CognitoUserPool, ids: PoolIds, username: str = "alice") -> CognitoUser:
    """A registered user who has signed in with SRP."""
    user = register(sdk, ids, username, f"{username}@example.com")
    user.authenticate_user(AuthenticationDetails(username, STRONG_PASSWORD))
    return user


def messages(ids: PoolIds, username: str) -> list[dict[str, Any]]:
    """What the server "sent" to ``username``, newest first."""
    response = httpx.get(
        ids.endpoint.rstrip("/") + "/_local/messages",
        params={"pool_id": ids.user_pool_id, "username": username},
    )
    response.raise_for_status()
    return list(response.json()["messages"])


def expire_tokens(user: CognitoUser, clock: FakeClock) -> None:
    """Move the shared clock just past the access token's expiry."""
    session = user.get_sign_in_user_session()
    assert session is not None
    expiry = session.access_token.get_expiration()
    assert expiry is not None
    clock.advance(expiry - clock() + 5)
    assert not session.is_valid()


def keys(sdk: CognitoUserPool, user: CognitoUser, *items: str) -> list[str | None]:
    """The stored values of ``items`` for ``user``."""
    return [sdk.storage.get_item(sdk.storage_keys.user(user.username, item)) for item in items]
