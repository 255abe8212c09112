"""Sign-out (use case 14), with and without token revocation.

Scripted-sender tests pin the requests and what happens when revocation fails; the live tests
check against the real local server that a revoked refresh token is refused afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from cognito_identity import CognitoUser, CognitoUserPool, CognitoUserSession, NetworkError, errors
from cognito_identity._wire import Call
from tests.conftest import FakeClock, PoolIds

from .helpers import ScriptedSender, auth_result, make_jwt
from .live import MODES, PoolMaker, expire_tokens, keys, pool_maker, signed_in

POOL_ID = "us-east-1_AbC123"
PREFIX = "CognitoIdentityServiceProvider.client1"
NOW = 1_700_000_000.0
TOKEN_ITEMS = ("idToken", "accessToken", "refreshToken", "clockDrift", "userData")


def scripted_user(
    *answers: dict[str, Any] | Exception, revocable: bool = True, secret: str | None = None
) -> tuple[CognitoUser, ScriptedSender]:
    def handler(item: dict[str, Any] | Exception) -> Any:
        def handle(call: Call) -> dict[str, Any]:
            if isinstance(item, Exception):
                raise item
            return item

        return handle

    now = [NOW]
    pool = CognitoUserPool(POOL_ID, "client1", client_secret=secret, clock=lambda: now[0])
    sender = ScriptedSender(*(handler(item) for item in answers))
    pool._transport = sender  # type: ignore[assignment]
    result = auth_result(NOW)
    if revocable:
        claims = {"username": "s-1", "iat": int(NOW), "exp": int(NOW) + 3600, "origin_jti": "j"}
        result["AccessToken"] = make_jwt(**claims)
    user = CognitoUser("bob", pool)
    user.set_sign_in_user_session(CognitoUserSession.from_authentication_result(result))
    user.storage.set_item(f"{PREFIX}.bob.userData", "{}")
    user.storage.set_item(f"{PREFIX}.bob.deviceKey", "dev")
    return user, sender


def assert_signed_out(user: CognitoUser) -> None:
    assert user.get_sign_in_user_session() is None
    for item in TOKEN_ITEMS:
        assert user.storage.get_item(f"{PREFIX}.bob.{item}") is None, item
    assert user.storage.get_item(f"{PREFIX}.LastAuthUser") is None
    assert user.storage.get_item(f"{PREFIX}.bob.deviceKey") == "dev"  # the device stays


def test_plain_sign_out_sends_nothing() -> None:
    user, sender = scripted_user()
    user.sign_out()
    assert sender.calls == []
    assert_signed_out(user)


def test_revoke_sends_revoke_token_with_the_client_secret() -> None:
    user, sender = scripted_user({}, secret="s3cret")
    user.sign_out(revoke=True)
    assert sender.calls == [
        Call("RevokeToken", {"Token": "refresh-1", "ClientId": "client1", "ClientSecret": "s3cret"})
    ]
    assert "s3cret" not in repr(sender.calls[0])
    assert_signed_out(user)


def test_revoke_without_origin_jti_sends_nothing() -> None:
    user, sender = scripted_user(revocable=False)
    user.sign_out(revoke=True)
    assert sender.calls == []
    assert_signed_out(user)


def test_revoke_uses_the_stored_session_even_when_expired() -> None:
    user, sender = scripted_user({})
    restored = CognitoUser("bob", user.pool)  # only storage knows the session
    restored.pool.clock = lambda: NOW + 10 * 3600  # long expired: no refresh is made
    restored.sign_out(revoke=True)
    assert [call.operation for call in sender.calls] == ["RevokeToken"]
    assert_signed_out(restored)


def test_failed_revocation_still_signs_out_and_raises() -> None:
    user, sender = scripted_user(NetworkError("offline"))
    with pytest.raises(NetworkError):
        user.sign_out(revoke=True)
    assert len(sender.calls) == 1
    assert_signed_out(user)


def test_refused_revocation_still_signs_out_and_raises() -> None:
    user, _ = scripted_user(errors.UnauthorizedException("Invalid client"))
    with pytest.raises(errors.UnauthorizedException):
        user.sign_out(revoke=True)
    assert_signed_out(user)


def test_revoke_with_nothing_stored_is_a_quiet_no_op() -> None:
    pool = CognitoUserPool(POOL_ID, "client1")
    sender = ScriptedSender()
    pool._transport = sender  # type: ignore[assignment]
    CognitoUser("bob", pool).sign_out(revoke=True)
    assert sender.calls == []


# Against the local server


@pytest.fixture(params=MODES)
def make_pool(
    request: pytest.FixtureRequest, pool: PoolIds, clock: FakeClock
) -> Iterator[PoolMaker]:
    yield from pool_maker(request, pool, clock)


def test_sign_out_with_revoke_ends_the_refresh_token(
    make_pool: PoolMaker, pool: PoolIds, boto: Any
) -> None:
    sdk = make_pool()
    user = signed_in(sdk, pool)
    session = user.get_session()
    assert "origin_jti" in session.access_token.payload  # revocation is on for new clients
    user.get_user_data()
    user.sign_out(revoke=True)
    assert user.get_sign_in_user_session() is None
    assert keys(sdk, user, *TOKEN_ITEMS) == [None] * len(TOKEN_ITEMS)
    assert sdk.get_current_user() is None
    with pytest.raises(errors.NotAuthorizedException):
        CognitoUser(user.username, sdk).refresh_session(session.refresh_token)
    with pytest.raises(boto.exceptions.NotAuthorizedException):
        boto.get_user(AccessToken=session.access_token.jwt_token)


def test_revoke_after_the_session_expired(
    make_pool: PoolMaker, pool: PoolIds, clock: FakeClock
) -> None:
    sdk = make_pool()
    user = signed_in(sdk, pool)
    session = user.get_session()
    expire_tokens(user, clock)
    user.sign_out(revoke=True)
    with pytest.raises(errors.NotAuthorizedException):
        CognitoUser(user.username, sdk).refresh_session(session.refresh_token)


def test_plain_sign_out_leaves_the_tokens_usable(
    make_pool: PoolMaker, pool: PoolIds, boto: Any
) -> None:
    sdk = make_pool()
    user = signed_in(sdk, pool)
    session = user.get_session()
    user.sign_out()
    assert sdk.get_current_user() is None
    assert boto.get_user(AccessToken=session.access_token.jwt_token)["Username"] == "alice"
    assert CognitoUser(user.username, sdk).refresh_session(session.refresh_token).is_valid()


def test_revoke_on_a_client_without_revocation(
    make_pool: PoolMaker, pool: PoolIds, boto: Any
) -> None:
    created = boto.create_user_pool_client(
        UserPoolId=pool.user_pool_id,
        ClientName="no-revocation",
        EnableTokenRevocation=False,
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    sdk = make_pool(client_id=created["ClientId"])
    user = signed_in(sdk, pool)
    session = user.get_session()
    assert "origin_jti" not in session.access_token.payload
    user.sign_out(revoke=True)  # nothing to revoke: a local sign-out only
    assert sdk.get_current_user() is None
    assert CognitoUser(user.username, sdk).refresh_session(session.refresh_token).is_valid()
