"""Every challenge end to end: the SDK against the local server over a socket.

Codes come from the server's outbox (GET /_local/messages); TOTP codes are computed here with
the server's clock, which the SDK shares (FakeClock), so ``clock.advance(30)`` moves to the next
TOTP window on both sides.
"""

from __future__ import annotations

import warnings
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from cognito_identity import (
    AuthenticationDetails,
    CognitoUser,
    CognitoUserPool,
    CognitoUserSession,
    CustomChallenge,
    EmailOtpChallenge,
    MfaSetupChallenge,
    NewPasswordChallenge,
    SelectMfaTypeChallenge,
    SmsMfaChallenge,
    TotpChallenge,
    errors,
)
from cognito_identity import callbacks as cb
from cognito_identity.protocol.totp import secret_bytes, totp
from tests.conftest import STRONG_PASSWORD, FakeClock, PoolIds, latest_code

from . import custom_auth_triggers as triggers
from .mfa_pools import PHONE, create_pool, set_mfa


def register(sdk: CognitoUserPool, ids: PoolIds, username: str = "alice") -> CognitoUser:
    """A confirmed user with an email and a phone number (not signed in)."""
    attributes = {"email": f"{username}@example.com", "phone_number": PHONE}
    result = sdk.sign_up(username, STRONG_PASSWORD, attributes)
    result.user.confirm_registration(latest_code(ids.endpoint, ids.user_pool_id, username))
    return result.user


def signed_in(sdk: CognitoUserPool, ids: PoolIds, username: str = "alice") -> CognitoUser:
    user = register(sdk, ids, username)
    assert isinstance(sign_in(user), CognitoUserSession)
    return user


def sign_in(user: CognitoUser, password: str = STRONG_PASSWORD) -> Any:
    return user.authenticate_user(AuthenticationDetails(user.username, password))


def code_now(secret: str, clock: FakeClock) -> str:
    return totp(secret_bytes(secret), clock.now)


def wrong(code: str) -> str:
    return "000000" if code != "000000" else "111111"


def nothing_stored(sdk: CognitoUserPool) -> bool:
    return sdk.get_current_user() is None


def enroll_totp(user: CognitoUser, clock: FakeClock, preferred: bool = True) -> str:
    """README use case 29: associate, verify, prefer TOTP; returns the secret."""
    secret = user.associate_software_token()
    answer = user.verify_software_token(code_now(secret, clock), "phone")
    assert isinstance(answer, dict)
    assert answer["Status"] == "SUCCESS"
    user.set_user_mfa_preference(None, {"Enabled": True, "PreferredMfa": preferred})
    clock.advance(30)  # the verify spent this window's code
    return secret


# SMS_MFA


def test_sms_mfa_with_the_code_from_the_outbox(optional_mfa: PoolIds, make_sdk: Any) -> None:
    sdk = make_sdk(optional_mfa)
    user = signed_in(sdk, optional_mfa)
    assert user.set_user_mfa_preference({"Enabled": True, "PreferredMfa": True}, None) == "SUCCESS"
    user.sign_out()

    result = sign_in(user)
    assert isinstance(result, SmsMfaChallenge)
    assert result.medium == "SMS"
    assert result.destination is not None
    assert result.destination.endswith("0100") and PHONE not in result.destination
    assert nothing_stored(sdk)

    code = latest_code(optional_mfa.endpoint, optional_mfa.user_pool_id, "alice")
    with pytest.raises(errors.CodeMismatchException):
        result.answer(wrong(code))
    assert nothing_stored(sdk)
    session = result.answer(code)
    assert isinstance(session, CognitoUserSession)
    assert session.is_valid()
    current = sdk.get_current_user()
    assert current is not None and current.get_session().access_token == session.access_token

    with pytest.raises(errors.NotAuthorizedException):  # the challenge session is spent
        result.answer(code)


def test_sms_mfa_js_style_use_case_30(optional_mfa: PoolIds, make_sdk: Any) -> None:
    """USER_PASSWORD_AUTH, then mfaRequired -> sendMFACode, with callbacks."""
    sdk = make_sdk(optional_mfa)
    user = signed_in(sdk, optional_mfa)
    user.set_user_mfa_preference({"Enabled": True, "PreferredMfa": True}, None)
    user.sign_out()
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    outcome: list[Any] = []

    class Handlers:
        def on_success(self, session: CognitoUserSession) -> None:
            outcome.append(session)

        def on_failure(self, error: Exception) -> None:
            outcome.append(error)

        def mfa_required(self, challenge_name: str, parameters: dict[str, str]) -> None:
            assert challenge_name == "SMS_MFA"
            assert parameters["CODE_DELIVERY_DELIVERY_MEDIUM"] == "SMS"
            code = latest_code(optional_mfa.endpoint, optional_mfa.user_pool_id, "alice")
            cb.send_mfa_code(user, code, self)

    user.authenticate_user(AuthenticationDetails("alice", STRONG_PASSWORD), callbacks=Handlers())
    assert len(outcome) == 1
    assert isinstance(outcome[0], CognitoUserSession)


# SOFTWARE_TOKEN_MFA


def test_totp_sign_in_and_a_replayed_code(
    optional_mfa: PoolIds, make_sdk: Any, clock: FakeClock
) -> None:
    sdk = make_sdk(optional_mfa)
    user = signed_in(sdk, optional_mfa)
    secret = enroll_totp(user, clock)
    data = user.get_user_data(bypass_cache=True)
    assert data["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    assert "SOFTWARE_TOKEN_MFA" in data["UserMFASettingList"]
    user.sign_out()

    result = sign_in(user)
    assert isinstance(result, TotpChallenge)
    assert result.friendly_device_name == "phone"
    code = code_now(secret, clock)
    with pytest.raises(errors.CodeMismatchException):
        result.answer(wrong(code))
    assert isinstance(result.answer(code), CognitoUserSession)

    user.sign_out()
    again = sign_in(user)
    assert isinstance(again, TotpChallenge)
    with pytest.raises(errors.ExpiredCodeException):  # a TOTP code is good once
        again.answer(code)
    assert nothing_stored(sdk)
    clock.advance(30)
    assert isinstance(again.answer(code_now(secret, clock)), CognitoUserSession)


# EMAIL_OTP


def test_email_otp(optional_mfa: PoolIds, make_sdk: Any) -> None:
    sdk = make_sdk(optional_mfa)
    user = signed_in(sdk, optional_mfa)
    preferred = {"Enabled": True, "PreferredMfa": True}
    user.set_user_mfa_preference(None, None, preferred)
    user.sign_out()
    result = sign_in(user)
    assert isinstance(result, EmailOtpChallenge)
    assert result.medium == "EMAIL"
    assert result.destination and "alice@example.com" not in result.destination
    code = latest_code(optional_mfa.endpoint, optional_mfa.user_pool_id, "alice")
    assert isinstance(result.answer(code), CognitoUserSession)


# SELECT_MFA_TYPE


def test_select_mfa_type_typed_then_js_style(
    optional_mfa: PoolIds, make_sdk: Any, clock: FakeClock
) -> None:
    sdk = make_sdk(optional_mfa)
    user = signed_in(sdk, optional_mfa)
    secret = enroll_totp(user, clock, preferred=False)
    user.set_user_mfa_preference({"Enabled": True, "PreferredMfa": False}, None)
    user.sign_out()

    result = sign_in(user)
    assert isinstance(result, SelectMfaTypeChallenge)
    assert set(result.options) == {"SMS_MFA", "SOFTWARE_TOKEN_MFA"}
    totp_step = result.select("SOFTWARE_TOKEN_MFA")
    assert isinstance(totp_step, TotpChallenge)
    assert isinstance(totp_step.answer(code_now(secret, clock)), CognitoUserSession)

    user.sign_out()
    assert isinstance(sign_in(user), SelectMfaTypeChallenge)
    assert isinstance(user.send_mfa_selection_answer("SMS_MFA"), SmsMfaChallenge)
    code = latest_code(optional_mfa.endpoint, optional_mfa.user_pool_id, "alice")
    assert isinstance(user.send_mfa_code(code), CognitoUserSession)


# MFA_SETUP


@pytest.fixture
def required_totp(boto: Any, live_server: Any) -> PoolIds:
    """MFA ON with TOTP the only method: users without one get MFA_SETUP."""
    ids = create_pool(boto, live_server.endpoint)
    set_mfa(boto, ids, "ON", sms=False, email=False)
    return ids


def test_mfa_setup_typed(required_totp: PoolIds, make_sdk: Any, clock: FakeClock) -> None:
    sdk = make_sdk(required_totp)
    user = register(sdk, required_totp)
    result = sign_in(user)
    assert isinstance(result, MfaSetupChallenge)
    assert result.mfas_can_setup == ("SOFTWARE_TOKEN_MFA",)

    association = result.associate("Acme Co")
    uri = urlsplit(association.uri)
    assert (uri.scheme, uri.netloc, uri.path) == ("otpauth", "totp", "/Acme%20Co:alice")
    query = parse_qs(uri.query)
    assert query == {"secret": [association.secret_code], "issuer": ["Acme Co"]}

    code = code_now(query["secret"][0], clock)
    with pytest.raises(errors.EnableSoftwareTokenMFAException):
        result.verify(wrong(code), "phone")
    assert nothing_stored(sdk)
    session = result.verify(code, "phone")
    assert isinstance(session, CognitoUserSession)
    assert sdk.get_current_user() is not None

    user.sign_out()
    clock.advance(30)
    again = sign_in(user)
    assert isinstance(again, TotpChallenge)
    assert isinstance(again.answer(code_now(association.secret_code, clock)), CognitoUserSession)


def test_mfa_setup_js_style_use_case_27(
    required_totp: PoolIds, make_sdk: Any, clock: FakeClock
) -> None:
    """mfaSetup -> associateSoftwareToken -> associateSecretCode -> verifySoftwareToken."""
    sdk = make_sdk(required_totp)
    user = register(sdk, required_totp)
    outcome: list[Any] = []
    handlers: dict[str, Any] = {}
    handlers.update(
        onSuccess=outcome.append,
        onFailure=outcome.append,
        mfaSetup=lambda name, params: cb.associate_software_token(user, handlers),
        associateSecretCode=lambda secret: cb.verify_software_token(
            user, code_now(secret, clock), "My TOTP device", handlers
        ),
    )
    cb.authenticate_user(user, AuthenticationDetails("alice", STRONG_PASSWORD), handlers)
    assert len(outcome) == 1
    assert isinstance(outcome[0], CognitoUserSession)


# NEW_PASSWORD_REQUIRED


@pytest.fixture
def admin_pool(boto: Any, live_server: Any) -> PoolIds:
    """A pool that requires ``name``, for users created by an admin."""
    schema = [{"Name": "name", "AttributeDataType": "String", "Required": True, "Mutable": True}]
    return create_pool(boto, live_server.endpoint, Schema=schema)


TEMPORARY = "Temp-Passw0rd!"
NEW_PASSWORD = "Brand-N3w-Passw0rd!"


def admin_create(boto: Any, ids: PoolIds, username: str = "carol") -> None:
    boto.admin_create_user(
        UserPoolId=ids.user_pool_id,
        Username=username,
        TemporaryPassword=TEMPORARY,
        UserAttributes=[
            {"Name": "email", "Value": f"{username}@example.com"},
            {"Name": "email_verified", "Value": "true"},
        ],
        MessageAction="SUPPRESS",
    )


@pytest.mark.parametrize("flow", ["USER_SRP_AUTH", "USER_PASSWORD_AUTH"])
def test_new_password_required(boto: Any, admin_pool: PoolIds, make_sdk: Any, flow: str) -> None:
    admin_create(boto, admin_pool)
    sdk = make_sdk(admin_pool)
    user = CognitoUser("carol", sdk)
    user.set_authentication_flow_type(flow)
    result = sign_in(user, TEMPORARY)
    assert isinstance(result, NewPasswordChallenge)
    assert result.required_attributes == ["name"]
    assert result.user_attributes["email"] == "carol@example.com"
    assert nothing_stored(sdk)
    with pytest.raises(errors.InvalidPasswordException):
        result.complete("short", {"name": "Carol"})

    session = result.complete(NEW_PASSWORD, {"name": "Carol"})
    assert isinstance(session, CognitoUserSession)
    assert session.id_token.payload["name"] == "Carol"

    user.sign_out()
    with pytest.raises(errors.NotAuthorizedException):
        sign_in(user, TEMPORARY)
    assert isinstance(sign_in(user, NEW_PASSWORD), CognitoUserSession)


def test_new_password_js_style_use_case_23(boto: Any, admin_pool: PoolIds, make_sdk: Any) -> None:
    admin_create(boto, admin_pool)
    user = CognitoUser("carol", make_sdk(admin_pool))
    seen: list[Any] = []

    class Handlers:
        def on_success(self, session: CognitoUserSession) -> None:
            seen.append(session)

        def on_failure(self, error: Exception) -> None:
            seen.append(error)

        def new_password_required(self, attributes: dict[str, str], required: list[str]) -> None:
            attributes.pop("email_verified", None)  # the API doesn't take it back (README)
            seen.append((attributes, required))

    user.authenticate_user(AuthenticationDetails("carol", TEMPORARY), callbacks=Handlers())
    _attributes, required = seen.pop()
    assert required == ["name"]
    cb.complete_new_password_challenge(user, NEW_PASSWORD, {"name": "Carol"}, Handlers())
    assert isinstance(seen.pop(), CognitoUserSession)


# CUSTOM_CHALLENGE


@pytest.fixture
def custom_pool(boto: Any, live_server: Any) -> PoolIds:
    return create_pool(boto, live_server.endpoint, LambdaConfig=triggers.lambda_config())


def test_custom_auth_with_srp_then_a_question(custom_pool: PoolIds, make_sdk: Any) -> None:
    sdk = make_sdk(custom_pool)
    user = register(sdk, custom_pool)
    user.set_authentication_flow_type("CUSTOM_AUTH")
    result = sign_in(user)
    assert isinstance(result, CustomChallenge)
    assert result.parameters["question"] == triggers.QUESTION
    second = result.answer("41")
    assert isinstance(second, CustomChallenge)
    assert nothing_stored(sdk)
    assert isinstance(second.answer(triggers.ANSWER), CognitoUserSession)

    user.sign_out()
    with pytest.raises(errors.NotAuthorizedException):
        sign_in(user, "Wrong-Passw0rd!")


def test_custom_auth_without_srp_and_three_wrong_answers(
    custom_pool: PoolIds, make_sdk: Any
) -> None:
    sdk = make_sdk(custom_pool)
    user = register(sdk, custom_pool)
    result = user.initiate_auth(AuthenticationDetails("alice"))
    assert isinstance(result, CustomChallenge)
    assert isinstance(user.send_custom_challenge_answer("1"), CustomChallenge)
    assert isinstance(user.send_custom_challenge_answer("2"), CustomChallenge)
    with pytest.raises(errors.NotAuthorizedException):
        user.send_custom_challenge_answer("3")
    assert nothing_stored(sdk)

    again = user.initiate_auth(AuthenticationDetails("alice"))
    assert isinstance(again, CustomChallenge)
    assert isinstance(again.answer(triggers.ANSWER), CognitoUserSession)


def test_custom_auth_js_style_use_case_25(custom_pool: PoolIds, make_sdk: Any) -> None:
    user = register(make_sdk(custom_pool), custom_pool)
    user.set_authentication_flow_type("CUSTOM_AUTH")
    seen: list[Any] = []
    handlers: dict[str, Any] = {}
    handlers.update(
        on_success=seen.append,
        on_failure=seen.append,
        custom_challenge=lambda parameters: cb.send_custom_challenge_answer(
            user, triggers.ANSWER, handlers
        ),
    )
    cb.initiate_auth(user, AuthenticationDetails("alice"), handlers)
    assert len(seen) == 1 and isinstance(seen[0], CognitoUserSession)


# Deprecated MFA settings (README use cases 9, 10, 24)


def test_enable_and_disable_mfa(optional_mfa: PoolIds, make_sdk: Any) -> None:
    user = signed_in(make_sdk(optional_mfa), optional_mfa)
    with pytest.warns(DeprecationWarning):
        assert user.enable_mfa() == "SUCCESS"
    data = user.get_user_data(bypass_cache=True)
    assert data["UserMFASettingList"] == ["SMS_MFA"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        options = user.get_mfa_options()
    assert options == [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    with pytest.warns(DeprecationWarning):
        assert user.disable_mfa() == "SUCCESS"
    assert not user.get_user_data(bypass_cache=True).get("UserMFASettingList")
