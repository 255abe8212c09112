"""The async SDK end to end against the local server over a socket, in one event loop.

The pool shares the server's FakeClock, so advancing it expires tokens on both sides. Codes come
from the server's outbox.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

import pytest

from cognito_identity import (
    AsyncCognitoUser,
    AsyncCognitoUserPool,
    AsyncMfaSetupChallenge,
    AsyncSmsMfaChallenge,
    AuthenticationDetails,
    CognitoUserSession,
    MemoryStorage,
    errors,
)
from cognito_identity.protocol.totp import secret_bytes, totp
from tests.conftest import STRONG_PASSWORD, FakeClock, PoolIds, latest_code

from .test_challenges import PHONE, create_pool, set_mfa

pytestmark = pytest.mark.anyio
NEW_PASSWORD = "N3w-Passw0rd!"


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def sdk(pool: PoolIds, clock: FakeClock) -> AsyncIterator[AsyncCognitoUserPool]:
    ids = (pool.user_pool_id, pool.client_id, pool.endpoint, MemoryStorage())
    async with AsyncCognitoUserPool(*ids, clock=clock) as made:
        yield made


async def register(
    sdk: AsyncCognitoUserPool, ids: PoolIds, username: str = "alice", **attributes: str
) -> AsyncCognitoUser:
    result = await sdk.sign_up(
        username, STRONG_PASSWORD, {"email": f"{username}@example.com", **attributes}
    )
    assert isinstance(result.user, AsyncCognitoUser)
    assert result.user_confirmed is False
    code = latest_code(ids.endpoint, ids.user_pool_id, username)
    assert await result.user.confirm_registration(code) == "SUCCESS"
    return result.user


async def signed_in(
    sdk: AsyncCognitoUserPool, ids: PoolIds, username: str = "alice"
) -> AsyncCognitoUser:
    user = await register(sdk, ids, username)
    session = await user.authenticate_user(AuthenticationDetails(username, STRONG_PASSWORD))
    assert isinstance(session, CognitoUserSession)
    return user


def session_of(user: AsyncCognitoUser) -> CognitoUserSession:
    session = user.get_sign_in_user_session()
    assert session is not None
    return session


async def test_sign_up_confirm_srp_sign_in_then_the_session_from_storage(
    sdk: AsyncCognitoUserPool, pool: PoolIds
) -> None:
    user = await signed_in(sdk, pool)
    assert session_of(user).is_valid()
    current = sdk.get_current_user()
    assert isinstance(current, AsyncCognitoUser) and current.username == user.username
    session = await current.get_session()
    assert session.access_token == session_of(user).access_token
    names = {attribute.name for attribute in await current.get_user_attributes()}
    assert {"email", "email_verified", "sub"} <= names


async def test_user_password_auth_and_a_wrong_password(
    sdk: AsyncCognitoUserPool, pool: PoolIds
) -> None:
    user = await register(sdk, pool)
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    with pytest.raises(errors.NotAuthorizedException):
        await user.authenticate_user(AuthenticationDetails("alice", "Wr0ng-Password!"))
    assert sdk.get_current_user() is None
    session = await user.authenticate_user(AuthenticationDetails("alice", STRONG_PASSWORD))
    assert isinstance(session, CognitoUserSession)


async def test_get_session_refreshes_after_expiry(
    sdk: AsyncCognitoUserPool, pool: PoolIds, clock: FakeClock
) -> None:
    user = await signed_in(sdk, pool)
    first = session_of(user)
    expiry = first.access_token.get_expiration()
    assert expiry is not None
    clock.advance(expiry - clock() + 5)
    current = sdk.get_current_user()
    assert current is not None
    refreshed = await current.get_session()
    assert refreshed.is_valid()
    assert refreshed.access_token != first.access_token
    assert refreshed.refresh_token == first.refresh_token


async def test_update_and_verify_an_attribute(sdk: AsyncCognitoUserPool, pool: PoolIds) -> None:
    user = await signed_in(sdk, pool)
    result = await user.update_attributes({"email": "new@example.com", "nickname": "Al"})
    assert result.code_delivery_details_list[0].attribute_name == "email"
    data = await user.get_user_data()
    attributes = {a["Name"]: a["Value"] for a in data["UserAttributes"]}
    assert attributes["nickname"] == "Al" and attributes["email_verified"] == "false"
    code = latest_code(pool.endpoint, pool.user_pool_id, user.username)
    assert await user.verify_attribute("email", code) == "SUCCESS"
    verified = {a.name: a.value for a in await user.get_user_attributes()}
    assert verified["email_verified"] == "true"
    assert await user.delete_attributes(["nickname"]) == "SUCCESS"


async def test_change_and_forgotten_password(sdk: AsyncCognitoUserPool, pool: PoolIds) -> None:
    user = await signed_in(sdk, pool)
    assert await user.change_password(STRONG_PASSWORD, NEW_PASSWORD) == "SUCCESS"
    await user.sign_out()
    session = await user.authenticate_user(AuthenticationDetails("alice", NEW_PASSWORD))
    assert isinstance(session, CognitoUserSession)

    forgetful = AsyncCognitoUser("alice", sdk)
    details = await forgetful.forgot_password()
    assert details.destination is not None
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    assert await forgetful.confirm_password(code, STRONG_PASSWORD) == "SUCCESS"
    again = await forgetful.authenticate_user(AuthenticationDetails("alice", STRONG_PASSWORD))
    assert isinstance(again, CognitoUserSession)


async def test_sms_mfa_answered_with_await(boto: Any, live_server: Any, clock: FakeClock) -> None:
    ids = create_pool(boto, live_server.endpoint)
    set_mfa(boto, ids, "OPTIONAL")
    async with AsyncCognitoUserPool(
        ids.user_pool_id, ids.client_id, ids.endpoint, clock=clock
    ) as sdk:
        user = await register(sdk, ids, phone_number=PHONE)
        await user.authenticate_user(AuthenticationDetails("alice", STRONG_PASSWORD))
        assert await user.set_user_mfa_preference({"Enabled": True, "PreferredMfa": True}, None)
        await user.sign_out()

        challenge = await user.authenticate_user(AuthenticationDetails("alice", STRONG_PASSWORD))
        assert isinstance(challenge, AsyncSmsMfaChallenge)
        assert challenge.medium == "SMS"
        assert sdk.get_current_user() is None
        code = latest_code(ids.endpoint, ids.user_pool_id, "alice")
        with pytest.raises(errors.CodeMismatchException):
            await challenge.answer("000000" if code != "000000" else "111111")
        session = await challenge.answer(code)
        assert isinstance(session, CognitoUserSession)
        assert sdk.get_current_user() is not None


async def test_required_totp_set_up_with_await(
    boto: Any, live_server: Any, clock: FakeClock
) -> None:
    ids = create_pool(boto, live_server.endpoint)
    set_mfa(boto, ids, "ON", sms=False, email=False)
    async with AsyncCognitoUserPool(
        ids.user_pool_id, ids.client_id, ids.endpoint, clock=clock
    ) as sdk:
        user = await register(sdk, ids)
        challenge = await user.authenticate_user(AuthenticationDetails("alice", STRONG_PASSWORD))
        assert isinstance(challenge, AsyncMfaSetupChallenge)
        association = await challenge.associate("Acme")
        assert association.uri.startswith("otpauth://totp/Acme:")
        code = totp(secret_bytes(association.secret_code), clock.now)
        session = await challenge.verify(code, "phone")
        assert isinstance(session, CognitoUserSession)


async def test_sign_out_with_revoke_ends_the_refresh_token(
    sdk: AsyncCognitoUserPool, pool: PoolIds
) -> None:
    user = await signed_in(sdk, pool)
    refresh_token = session_of(user).refresh_token
    assert refresh_token is not None
    await user.sign_out(revoke=True)
    assert user.get_sign_in_user_session() is None and sdk.get_current_user() is None
    with pytest.raises(errors.NotAuthorizedException):
        await AsyncCognitoUser("alice", sdk).refresh_session(refresh_token)


async def test_global_sign_out_ends_the_access_token(
    sdk: AsyncCognitoUserPool, pool: PoolIds, boto: Any
) -> None:
    user = await signed_in(sdk, pool)
    access_token = session_of(user).access_token.jwt_token
    assert await user.global_sign_out() == "SUCCESS"
    assert sdk.get_current_user() is None
    with pytest.raises(boto.exceptions.NotAuthorizedException):
        boto.get_user(AccessToken=access_token)
    with pytest.raises(errors.NotAuthenticatedError):
        await user.get_session()


async def test_twenty_concurrent_sign_ins_in_one_event_loop(
    sdk: AsyncCognitoUserPool, pool: PoolIds, boto: Any
) -> None:
    names = [f"user{n:02}" for n in range(20)]
    results = await asyncio.gather(*(sdk.sign_up(n, STRONG_PASSWORD) for n in names))
    for name in names:
        boto.admin_confirm_sign_up(UserPoolId=pool.user_pool_id, Username=name)
    users = [result.user for result in results]
    sessions = await asyncio.gather(
        *(u.authenticate_user(AuthenticationDetails(u.username, STRONG_PASSWORD)) for u in users)
    )
    assert all(isinstance(session, CognitoUserSession) for session in sessions)
    subjects = {s.id_token.payload["sub"] for s in sessions if isinstance(s, CognitoUserSession)}
    assert len(subjects) == 20
    for user in users:  # each user kept its own session; the shared storage has all of them
        assert session_of(user).id_token.payload["cognito:username"] == user.username
