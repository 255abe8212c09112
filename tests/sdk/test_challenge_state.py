"""Challenges kept as data between requests: ``to_state()``, a JSON round trip, then
``resume_challenge(state)`` on a new user of a new pool object with a fresh storage, answered
against the local server over a socket. Refused states at the end (no server needed).
"""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from typing import Any

import pytest

from cognito_identity import (
    AsyncCognitoUser,
    AsyncCognitoUserPool,
    AsyncSmsMfaChallenge,
    AuthenticationDetails,
    CognitoUser,
    CognitoUserPool,
    CognitoUserSession,
    EmailOtpChallenge,
    MemoryStorage,
    MfaSetupChallenge,
    NewPasswordChallenge,
    SmsMfaChallenge,
    TotpChallenge,
    errors,
)
from cognito_identity.protocol.totp import secret_bytes, totp
from tests.conftest import STRONG_PASSWORD, FakeClock, PoolIds, latest_code

from .mfa_pools import create_pool, set_mfa
from .test_challenges import admin_create, register

TEMPORARY = "Temp-Passw0rd!"
NEW_PASSWORD = "Brand-N3w-Passw0rd!"
STATE_KEYS = {
    "v",
    "challenge_name",
    "parameters",
    "username",
    "session",
    "auth_flow",
    "device_name",
}


@pytest.fixture
def required_totp(boto: Any, live_server: Any) -> PoolIds:
    ids = create_pool(boto, live_server.endpoint)
    set_mfa(boto, ids, "ON", sms=False, email=False)
    return ids


@pytest.fixture
def admin_pool(boto: Any, live_server: Any) -> PoolIds:
    schema = [{"Name": "name", "AttributeDataType": "String", "Required": True, "Mutable": True}]
    return create_pool(boto, live_server.endpoint, Schema=schema)


def sign_in(user: CognitoUser, password: str = STRONG_PASSWORD) -> Any:
    return user.authenticate_user(AuthenticationDetails(user.username, password))


def round_trip(state: dict[str, Any]) -> dict[str, Any]:
    """Through JSON text, as a cookie or a database row would keep it."""
    loaded: dict[str, Any] = json.loads(json.dumps(state))
    return loaded


def resumed_user(sdk: CognitoUserPool, state: dict[str, Any]) -> CognitoUser:
    return CognitoUser(state["username"], sdk)


def stored_session(sdk: CognitoUserPool) -> CognitoUserSession:
    current = sdk.get_current_user()
    assert current is not None
    session = current.get_session()
    assert session.is_valid()
    return session


def code_now(secret: str, clock: FakeClock) -> str:
    return totp(secret_bytes(secret), clock.now)


def mfa_user(sdk: CognitoUserPool, ids: PoolIds, medium: str) -> CognitoUser:
    """alice, registered, with SMS or email MFA preferred, signed out."""
    user = register(sdk, ids)
    assert isinstance(sign_in(user), CognitoUserSession)
    preferred = {"Enabled": True, "PreferredMfa": True}
    if medium == "SMS":
        user.set_user_mfa_preference(preferred, None)
    else:
        user.set_user_mfa_preference(None, None, preferred)
    user.sign_out()
    return user


@pytest.mark.parametrize(
    ("medium", "kind"), [("SMS", SmsMfaChallenge), ("EMAIL", EmailOtpChallenge)]
)
def test_a_code_challenge_answered_by_a_new_user_object(
    optional_mfa: PoolIds, make_sdk: Any, medium: str, kind: type[Any]
) -> None:
    first = make_sdk(optional_mfa)
    challenge = sign_in(mfa_user(first, optional_mfa, medium))
    assert isinstance(challenge, kind)
    text = json.dumps(challenge.to_state())
    assert STRONG_PASSWORD not in text
    state = json.loads(text)
    assert set(state) == STATE_KEYS
    assert state["v"] == 1 and state["challenge_name"] == challenge.challenge_name
    assert state["session"] == challenge.session and state["username"] == "alice"

    second = make_sdk(optional_mfa)
    resumed = resumed_user(second, state).resume_challenge(state)
    assert isinstance(resumed, kind)
    assert resumed == challenge  # same fields (the user is not compared)
    assert resumed.medium == medium and resumed.destination == challenge.destination

    code = latest_code(optional_mfa.endpoint, optional_mfa.user_pool_id, "alice")
    with pytest.raises(errors.CodeMismatchException):
        resumed.answer("000000" if code != "000000" else "111111")
    session = resumed.answer(code)
    assert isinstance(session, CognitoUserSession) and session.is_valid()
    assert stored_session(second).access_token == session.access_token
    assert first.get_current_user() is None  # the first process stored nothing


def test_a_resumed_challenge_answers_the_js_style_methods_too(
    optional_mfa: PoolIds, make_sdk: Any
) -> None:
    first = make_sdk(optional_mfa)
    user = mfa_user(first, optional_mfa, "SMS")
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    state = round_trip(sign_in(user).to_state())
    assert state["auth_flow"] == "USER_PASSWORD_AUTH"

    second = make_sdk(optional_mfa)
    other = resumed_user(second, state)
    other.resume_challenge(state)
    assert other.get_authentication_flow_type() == "USER_PASSWORD_AUTH"
    code = latest_code(optional_mfa.endpoint, optional_mfa.user_pool_id, "alice")
    assert isinstance(other.send_mfa_code(code), CognitoUserSession)
    stored_session(second)


def test_mfa_setup_resumed_after_associate_keeps_the_new_session(
    required_totp: PoolIds, make_sdk: Any, clock: FakeClock
) -> None:
    """AssociateSoftwareToken replaces the challenge session; verify needs the new one."""
    first = make_sdk(required_totp)
    challenge = sign_in(register(first, required_totp))
    assert isinstance(challenge, MfaSetupChallenge)
    association = challenge.associate("Acme")
    state = round_trip(challenge.to_state())
    assert state["session"] != challenge.session  # the session associate returned

    second = make_sdk(required_totp)
    resumed = resumed_user(second, state).resume_challenge(state)
    assert isinstance(resumed, MfaSetupChallenge)
    assert resumed.mfas_can_setup == ("SOFTWARE_TOKEN_MFA",)
    session = resumed.verify(code_now(association.secret_code, clock), "phone")
    assert isinstance(session, CognitoUserSession)
    assert stored_session(second).access_token == session.access_token


def test_mfa_setup_resumed_before_associate_then_a_totp_sign_in(
    required_totp: PoolIds, make_sdk: Any, clock: FakeClock
) -> None:
    first = make_sdk(required_totp)
    user = register(first, required_totp)
    state = round_trip(sign_in(user).to_state())

    second = make_sdk(required_totp)
    resumed = resumed_user(second, state).resume_challenge(state)
    assert isinstance(resumed, MfaSetupChallenge)
    association = resumed.associate()
    assert isinstance(resumed.verify(code_now(association.secret_code, clock)), CognitoUserSession)
    stored_session(second)

    # The next sign-in asks for the TOTP code: resumed the same way.
    clock.advance(30)
    challenge = sign_in(user)
    assert isinstance(challenge, TotpChallenge)
    state = round_trip(challenge.to_state())
    third = make_sdk(required_totp)
    totp_step = resumed_user(third, state).resume_challenge(state)
    assert isinstance(totp_step, TotpChallenge)
    assert totp_step.friendly_device_name == challenge.friendly_device_name
    session = totp_step.answer(code_now(association.secret_code, clock))
    assert isinstance(session, CognitoUserSession)
    assert stored_session(third).access_token == session.access_token


def test_new_password_required_resumed(boto: Any, admin_pool: PoolIds, make_sdk: Any) -> None:
    admin_create(boto, admin_pool)
    first = make_sdk(admin_pool)
    challenge = sign_in(CognitoUser("carol", first), TEMPORARY)
    assert isinstance(challenge, NewPasswordChallenge)
    text = json.dumps(challenge.to_state())
    assert TEMPORARY not in text
    state = json.loads(text)

    second = make_sdk(admin_pool)
    resumed = resumed_user(second, state).resume_challenge(state)
    assert isinstance(resumed, NewPasswordChallenge)
    assert resumed.required_attributes == ["name"]
    assert resumed.user_attributes["email"] == "carol@example.com"
    session = resumed.complete(NEW_PASSWORD, {"name": "Carol"})
    assert isinstance(session, CognitoUserSession)
    assert session.id_token.payload["name"] == "Carol"
    assert stored_session(second).access_token == session.access_token

    with pytest.raises(errors.NotAuthorizedException):  # the session is spent
        resumed_user(make_sdk(admin_pool), state).resume_challenge(state).complete(NEW_PASSWORD)


# Async: a sync sign-in's state answered by the async twin, and an async one's.


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture
async def async_sdk(optional_mfa: PoolIds, clock: FakeClock) -> AsyncIterator[Any]:
    made: list[AsyncCognitoUserPool] = []

    def make() -> AsyncCognitoUserPool:
        ids = optional_mfa
        sdk = AsyncCognitoUserPool(
            ids.user_pool_id, ids.client_id, ids.endpoint, MemoryStorage(), clock=clock
        )
        made.append(sdk)
        return sdk

    yield make
    for sdk in made:
        await sdk.aclose()


@pytest.mark.anyio
async def test_async_resume(optional_mfa: PoolIds, make_sdk: Any, async_sdk: Any) -> None:
    ids = optional_mfa
    user = mfa_user(make_sdk(ids), ids, "SMS")

    # A sync sign-in, answered by the async twin.
    state = round_trip(sign_in(user).to_state())
    second: AsyncCognitoUserPool = async_sdk()
    resumed = AsyncCognitoUser(state["username"], second).resume_challenge(state)
    assert isinstance(resumed, AsyncSmsMfaChallenge)
    session = await resumed.answer(latest_code(ids.endpoint, ids.user_pool_id, "alice"))
    assert isinstance(session, CognitoUserSession)

    # An async sign-in, answered by another async user.
    first: AsyncCognitoUserPool = async_sdk()
    details = AuthenticationDetails("alice", STRONG_PASSWORD)
    challenge = await AsyncCognitoUser("alice", first).authenticate_user(details)
    assert isinstance(challenge, AsyncSmsMfaChallenge)
    state = round_trip(challenge.to_state())
    third: AsyncCognitoUserPool = async_sdk()
    resumed = AsyncCognitoUser(state["username"], third).resume_challenge(state)
    assert isinstance(resumed, AsyncSmsMfaChallenge)
    session = await resumed.answer(latest_code(ids.endpoint, ids.user_pool_id, "alice"))
    assert isinstance(session, CognitoUserSession)
    current = third.get_current_user()
    assert current is not None
    assert (await current.get_session()).access_token == session.access_token
    assert first.get_current_user() is None


# Refused states: checked before anything is kept (and nothing is sent).


def valid_state(**changes: Any) -> dict[str, Any]:
    state: dict[str, Any] = {
        "v": 1,
        "challenge_name": "SMS_MFA",
        "parameters": {
            "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
            "CODE_DELIVERY_DESTINATION": "+*******0100",
        },
        "username": "alice",
        "session": "opaque-session",
        "auth_flow": "USER_SRP_AUTH",
        "device_name": "My browser",
    }
    state.update(changes)
    return state


@pytest.fixture
def offline_user() -> Iterator[CognitoUser]:
    sdk = CognitoUserPool("us-east-1_AbC123", "client1", "http://127.0.0.1:9", MemoryStorage())
    yield CognitoUser("alice", sdk)
    sdk.close()


def test_a_valid_hand_made_state(offline_user: CognitoUser) -> None:
    challenge = offline_user.resume_challenge(valid_state())
    assert isinstance(challenge, SmsMfaChallenge)
    assert challenge.destination == "+*******0100"
    assert offline_user.device_name == "My browser"
    assert challenge.to_state() == valid_state()


def without(key: str) -> dict[str, Any]:
    state = valid_state()
    del state[key]
    return state


REFUSED = {
    "not a dict": (["SMS_MFA"], "must be a dict"),
    "json text": (json.dumps(valid_state()), "must be a dict"),
    "version 2": (valid_state(v=2), "version 2"),
    "version as text": (valid_state(v="1"), "version '1'"),
    "version missing": (without("v"), "version None"),
    "version true": (valid_state(v=True), "version True"),
    "no session": (without("session"), "missing session"),
    "no parameters": (without("parameters"), "missing parameters"),
    "unknown field": (valid_state(password="x"), "unknown fields: password"),
    "username not text": (valid_state(username=7), "username must be"),
    "empty challenge name": (valid_state(challenge_name=""), "challenge_name must be"),
    "session not text": (valid_state(session=["s"]), "session must be"),
    "parameters a list": (valid_state(parameters=[["a", "b"]]), "parameters must"),
    "parameter not text": (valid_state(parameters={"A": 1}), "parameters must"),
    "unknown auth flow": (valid_state(auth_flow="ADMIN_NO_SRP_AUTH"), "auth_flow"),
    "unknown challenge": (valid_state(challenge_name="DEVICE_SRP_AUTH"), "unknown challenge"),
    "malformed parameters": (
        valid_state(challenge_name="SELECT_MFA_TYPE", parameters={"MFAS_CAN_CHOOSE": "{"}),
        "malformed parameters",
    ),
    "another user": (valid_state(username="bob"), "for user 'bob', not 'alice'"),
}


@pytest.mark.parametrize("case", REFUSED)
def test_refused_states(offline_user: CognitoUser, case: str) -> None:
    state, message = REFUSED[case]
    with pytest.raises(ValueError, match=message):
        offline_user.resume_challenge(state)
    with pytest.raises(errors.NotAuthenticatedError):  # nothing was kept
        offline_user.send_mfa_code("123456")
