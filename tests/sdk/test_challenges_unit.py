"""Typed challenges and the JS-compatible challenge methods with a scripted sender: the exact
requests (as amazon-cognito-identity-js sends them), what is kept, and what is stored.

The same challenges run against the local server in test_challenges.py.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from cognito_identity import (
    AuthenticationDetails,
    CognitoUser,
    CognitoUserPool,
    CognitoUserSession,
    CustomChallenge,
    EmailOtpChallenge,
    MemoryStorage,
    MfaSetupChallenge,
    NewPasswordChallenge,
    NotAuthenticatedError,
    SelectMfaTypeChallenge,
    SmsMfaChallenge,
    TotpChallenge,
    UnsupportedChallengeError,
    errors,
)
from cognito_identity._flows import challenges as flows
from cognito_identity._flows import run_sync
from cognito_identity._flows.auth import AuthContext, ChallengeStep
from cognito_identity._wire import Call
from cognito_identity.challenges import totp_uri
from cognito_identity.protocol.secret_hash import secret_hash

from .helpers import ScriptedSender, auth_result

POOL_ID = "us-east-1_AbC123"
PREFIX = "CognitoIdentityServiceProvider.client1"
NOW = 1_700_000_000.0
Handler = Callable[[Call], dict[str, Any]]


def answer(value: dict[str, Any]) -> Handler:
    return lambda call: value


def fail(error: Exception) -> Handler:
    def raise_it(call: Call) -> dict[str, Any]:
        raise error

    return raise_it


def challenge(name: str, session: str = "s1", **parameters: str) -> Handler:
    return answer({"ChallengeName": name, "ChallengeParameters": parameters, "Session": session})


TOKENS = answer({"AuthenticationResult": auth_result(NOW)})
SMS = challenge(
    "SMS_MFA", CODE_DELIVERY_DELIVERY_MEDIUM="SMS", CODE_DELIVERY_DESTINATION="+*******0100"
)


def fake_user(*handlers: Handler, secret: str | None = None) -> tuple[CognitoUser, ScriptedSender]:
    pool = CognitoUserPool(
        POOL_ID, "client1", storage=MemoryStorage(), client_secret=secret, clock=lambda: NOW
    )
    sender = ScriptedSender(*handlers)
    pool._transport = sender  # type: ignore[assignment]
    user = CognitoUser("bob", pool)
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    return user, sender


def sign_in(user: CognitoUser) -> Any:
    return user.authenticate_user(AuthenticationDetails("bob", "pw"))


def responses(call: Call) -> dict[str, Any]:
    assert call.operation == "RespondToAuthChallenge"
    return {k: v for k, v in call.payload["ChallengeResponses"].items() if v is not None}


def stored(user: CognitoUser) -> int:
    return len(user.storage)  # type: ignore[arg-type]


def test_sms_mfa_is_returned_then_answered_and_only_then_stored() -> None:
    user, sender = fake_user(SMS, TOKENS)
    result = sign_in(user)
    assert isinstance(result, SmsMfaChallenge)
    assert (result.destination, result.medium) == ("+*******0100", "SMS")
    assert result.challenge_name == "SMS_MFA"
    assert "s1" not in repr(result)
    assert stored(user) == 0
    assert user.get_sign_in_user_session() is None

    session = result.answer("123456", {"k": "v"})
    assert isinstance(session, CognitoUserSession)
    respond = sender.calls[1]
    assert respond.payload["ChallengeName"] == "SMS_MFA"
    assert respond.payload["Session"] == "s1"
    assert respond.payload["ClientId"] == "client1"
    assert respond.payload["ClientMetadata"] == {"k": "v"}
    assert responses(respond) == {"USERNAME": "bob", "SMS_MFA_CODE": "123456"}
    assert user.storage.get_item(f"{PREFIX}.bob.accessToken") == session.access_token.jwt_token
    assert user.storage.get_item(f"{PREFIX}.LastAuthUser") == "bob"
    assert user.get_sign_in_user_session() is session


def test_totp_sends_both_code_keys_like_js() -> None:
    user, sender = fake_user(challenge("SOFTWARE_TOKEN_MFA", FRIENDLY_DEVICE_NAME="phone"), TOKENS)
    result = sign_in(user)
    assert isinstance(result, TotpChallenge)
    assert result.friendly_device_name == "phone"
    assert isinstance(result.answer("654321"), CognitoUserSession)
    assert sender.calls[1].payload["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    assert responses(sender.calls[1]) == {
        "USERNAME": "bob",
        "SMS_MFA_CODE": "654321",
        "SOFTWARE_TOKEN_MFA_CODE": "654321",
    }


def test_email_otp_sends_its_own_code_key() -> None:
    parameters = {
        "CODE_DELIVERY_DELIVERY_MEDIUM": "EMAIL",
        "CODE_DELIVERY_DESTINATION": "b***@e***",
    }
    user, sender = fake_user(challenge("EMAIL_OTP", **parameters), TOKENS)
    result = sign_in(user)
    assert isinstance(result, EmailOtpChallenge)
    assert (result.destination, result.medium) == ("b***@e***", "EMAIL")
    result.answer("111222")
    assert sender.calls[1].payload["ChallengeName"] == "EMAIL_OTP"
    assert responses(sender.calls[1]) == {"USERNAME": "bob", "EMAIL_OTP_CODE": "111222"}


def test_select_mfa_type_then_the_chosen_code_prompt() -> None:
    choose = challenge("SELECT_MFA_TYPE", MFAS_CAN_CHOOSE='["SMS_MFA","SOFTWARE_TOKEN_MFA"]')
    user, sender = fake_user(choose, challenge("SOFTWARE_TOKEN_MFA", session="s2"), TOKENS)
    result = sign_in(user)
    assert isinstance(result, SelectMfaTypeChallenge)
    assert result.options == ("SMS_MFA", "SOFTWARE_TOKEN_MFA")
    totp = result.select("SOFTWARE_TOKEN_MFA")
    assert isinstance(totp, TotpChallenge)
    assert totp.session == "s2"
    select = sender.calls[1]
    assert select.payload["ChallengeName"] == "SELECT_MFA_TYPE"
    assert "ClientMetadata" not in select.payload or select.payload["ClientMetadata"] is None
    assert responses(select) == {"USERNAME": "bob", "ANSWER": "SOFTWARE_TOKEN_MFA"}
    assert isinstance(totp.answer("000000"), CognitoUserSession)
    assert sender.calls[2].payload["Session"] == "s2"


def test_mfa_setup_associates_verifies_and_answers_with_the_newest_session() -> None:
    user, sender = fake_user(
        challenge("MFA_SETUP", MFAS_CAN_SETUP='["SOFTWARE_TOKEN_MFA"]'),
        answer({"SecretCode": "JBSWY3DPEHPK3PXP", "Session": "s2"}),
        answer({"Status": "SUCCESS", "Session": "s3"}),
        TOKENS,
    )
    result = sign_in(user)
    assert isinstance(result, MfaSetupChallenge)
    assert result.mfas_can_setup == ("SOFTWARE_TOKEN_MFA",)
    association = result.associate("My App")
    assert association.secret_code == "JBSWY3DPEHPK3PXP"
    assert "JBSWY3DPEHPK3PXP" not in repr(association)
    assert association.uri == (
        "otpauth://totp/My%20App:bob?secret=JBSWY3DPEHPK3PXP&issuer=My%20App"
    )
    session = result.verify("123456", "phone")
    assert isinstance(session, CognitoUserSession)
    associate, verify, respond = sender.calls[1:]
    assert associate.operation == "AssociateSoftwareToken"
    assert dict(associate.payload) == {"Session": "s1", "AccessToken": None}
    assert verify.operation == "VerifySoftwareToken"
    assert verify.payload["Session"] == "s2"
    assert (verify.payload["UserCode"], verify.payload["FriendlyDeviceName"]) == ("123456", "phone")
    assert respond.payload["ChallengeName"] == "MFA_SETUP"
    assert respond.payload["Session"] == "s3"
    assert responses(respond) == {"USERNAME": "bob"}
    assert stored(user) > 0


def test_mfa_setup_issuer_defaults_to_the_pool_id() -> None:
    user, _ = fake_user(challenge("MFA_SETUP"), answer({"SecretCode": "ABC", "Session": "s2"}))
    result = sign_in(user)
    assert isinstance(result, MfaSetupChallenge)
    assert result.associate().issuer == POOL_ID


def test_new_password_required_parses_and_completes() -> None:
    parameters = {
        "userAttributes": json.dumps({"email": "bob@example.com", "email_verified": "true"}),
        "requiredAttributes": json.dumps(["userAttributes.name", "userAttributes.given_name"]),
        "USER_ID_FOR_SRP": "bob",
    }
    user, sender = fake_user(challenge("NEW_PASSWORD_REQUIRED", **parameters), TOKENS)
    result = sign_in(user)
    assert isinstance(result, NewPasswordChallenge)
    assert result.user_attributes == {"email": "bob@example.com", "email_verified": "true"}
    assert result.required_attributes == ["name", "given_name"]
    with pytest.raises(ValueError, match=r"^New password is required\.$"):
        result.complete("")
    assert len(sender.calls) == 1
    session = result.complete("N3w-Passw0rd!", {"name": "Bob", "given_name": "B"})
    assert isinstance(session, CognitoUserSession)
    assert sender.calls[1].payload["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    assert responses(sender.calls[1]) == {
        "USERNAME": "bob",
        "NEW_PASSWORD": "N3w-Passw0rd!",
        "userAttributes.name": "Bob",
        "userAttributes.given_name": "B",
    }


def test_custom_challenge_sends_the_answer_and_the_stored_device_key() -> None:
    user, sender = fake_user(challenge("CUSTOM_CHALLENGE", question="6*7?"), TOKENS)
    user.storage.set_item(f"{PREFIX}.bob.deviceKey", "us-east-1_dev")
    result = sign_in(user)
    assert isinstance(result, CustomChallenge)
    assert result.parameters == {"question": "6*7?"}
    assert isinstance(result.answer("42"), CognitoUserSession)
    assert responses(sender.calls[1]) == {
        "USERNAME": "bob",
        "ANSWER": "42",
        "DEVICE_KEY": "us-east-1_dev",
    }


def test_custom_auth_with_srp_sends_challenge_name_srp_a() -> None:
    user, sender = fake_user(challenge("CUSTOM_CHALLENGE", q="?"))
    user.set_authentication_flow_type("CUSTOM_AUTH")
    result = user.authenticate_user(AuthenticationDetails("bob"))
    assert isinstance(result, CustomChallenge)
    parameters = sender.calls[0].payload["AuthParameters"]
    assert sender.calls[0].payload["AuthFlow"] == "CUSTOM_AUTH"
    assert parameters["CHALLENGE_NAME"] == "SRP_A"
    assert parameters["SRP_A"]


def test_initiate_auth_is_custom_auth_without_srp() -> None:
    user, sender = fake_user(challenge("CUSTOM_CHALLENGE", q="?"), TOKENS)
    details = AuthenticationDetails("bob", auth_parameters={"X": "1"}, client_metadata={"m": "1"})
    result = user.initiate_auth(details)
    assert isinstance(result, CustomChallenge)
    initiate = sender.calls[0]
    assert initiate.payload["AuthFlow"] == "CUSTOM_AUTH"
    parameters = {k: v for k, v in initiate.payload["AuthParameters"].items() if v is not None}
    assert parameters == {"X": "1", "USERNAME": "bob"}
    assert initiate.payload["ClientMetadata"] == {"m": "1"}
    assert isinstance(user.send_custom_challenge_answer("a"), CognitoUserSession)


def test_a_wrong_code_keeps_the_challenge_answerable_and_stores_nothing() -> None:
    user, _ = fake_user(SMS, fail(errors.CodeMismatchException("Invalid code")), TOKENS)
    result = sign_in(user)
    assert isinstance(result, SmsMfaChallenge)
    with pytest.raises(errors.CodeMismatchException):
        result.answer("000000")
    assert stored(user) == 0
    assert isinstance(user.send_mfa_code("123456"), CognitoUserSession)


def test_an_unknown_challenge_after_an_answer_raises_and_stores_nothing() -> None:
    user, _ = fake_user(SMS, challenge("WEB_AUTHN"))
    result = sign_in(user)
    assert isinstance(result, SmsMfaChallenge)
    with pytest.raises(UnsupportedChallengeError) as caught:
        result.answer("123456")
    assert caught.value.challenge_name == "WEB_AUTHN"
    assert stored(user) == 0
    with pytest.raises(NotAuthenticatedError, match="No challenge"):
        user.send_mfa_code("1")


def test_secret_hash_goes_with_every_answer() -> None:
    user, sender = fake_user(SMS, TOKENS, secret="s3cret")
    result = sign_in(user)
    assert isinstance(result, SmsMfaChallenge)
    result.answer("123456")
    assert responses(sender.calls[1])["SECRET_HASH"] == secret_hash("bob", "client1", "s3cret")


def test_bad_challenge_parameters_are_an_invalid_response() -> None:
    user, _ = fake_user(challenge("NEW_PASSWORD_REQUIRED", userAttributes="{not json"))
    with pytest.raises(errors.InvalidResponseError, match="userAttributes"):
        sign_in(user)


# The JS-compatible methods: they answer the challenge the user is waiting on.


def test_send_mfa_code_uses_the_saved_session_and_the_mfa_type() -> None:
    user, sender = fake_user(challenge("SOFTWARE_TOKEN_MFA", session="s9"), TOKENS)
    sign_in(user)
    assert isinstance(user.send_mfa_code("123456", "SOFTWARE_TOKEN_MFA"), CognitoUserSession)
    assert sender.calls[1].payload["Session"] == "s9"
    assert sender.calls[1].payload["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    with pytest.raises(NotAuthenticatedError):
        user.send_mfa_code("123456")  # answered: nothing waits any more


def test_send_mfa_selection_answer_then_send_mfa_code() -> None:
    choose = challenge("SELECT_MFA_TYPE", MFAS_CAN_CHOOSE='["SMS_MFA","SOFTWARE_TOKEN_MFA"]')
    user, sender = fake_user(choose, SMS, TOKENS)
    sign_in(user)
    assert isinstance(user.send_mfa_selection_answer("SMS_MFA"), SmsMfaChallenge)
    assert isinstance(user.send_mfa_code("123456"), CognitoUserSession)
    assert responses(sender.calls[1])["ANSWER"] == "SMS_MFA"


def test_complete_new_password_challenge_js_style() -> None:
    user, sender = fake_user(challenge("NEW_PASSWORD_REQUIRED"), TOKENS)
    sign_in(user)
    result = user.complete_new_password_challenge("N3w-Passw0rd!", {"name": "Bob"}, {"m": "1"})
    assert isinstance(result, CognitoUserSession)
    assert responses(sender.calls[1])["userAttributes.name"] == "Bob"
    assert sender.calls[1].payload["ClientMetadata"] == {"m": "1"}


def test_associate_and_verify_software_token_during_mfa_setup() -> None:
    user, sender = fake_user(
        challenge("MFA_SETUP"),
        answer({"SecretCode": "SECRET", "Session": "s2"}),
        answer({"Status": "SUCCESS", "Session": "s3"}),
        TOKENS,
    )
    sign_in(user)
    assert user.associate_software_token() == "SECRET"
    assert isinstance(user.verify_software_token("123456", "phone"), CognitoUserSession)
    assert sender.calls[1].payload["Session"] == "s1"
    assert sender.calls[2].payload["Session"] == "s2"
    assert sender.calls[3].payload["Session"] == "s3"


def test_associate_and_verify_software_token_when_signed_in_use_the_access_token() -> None:
    user, sender = fake_user(
        TOKENS, answer({"SecretCode": "SECRET"}), answer({"Status": "SUCCESS"}), answer({})
    )
    session = sign_in(user)
    token = session.access_token.jwt_token
    assert user.associate_software_token() == "SECRET"
    assert user.verify_software_token("123456", "phone") == {"Status": "SUCCESS"}
    assert user.set_user_mfa_preference(None, {"Enabled": True, "PreferredMfa": True}) == "SUCCESS"
    associate, verify, preference = sender.calls[1:]
    assert dict(associate.payload) == {"Session": None, "AccessToken": token}
    assert verify.payload["AccessToken"] == token
    assert verify.payload["Session"] is None
    assert preference.operation == "SetUserMFAPreference"
    assert preference.payload["SoftwareTokenMfaSettings"] == {"Enabled": True, "PreferredMfa": True}
    assert preference.payload["SMSMfaSettings"] is None
    assert preference.payload["AccessToken"] == token


def test_enable_and_disable_mfa_are_deprecated_set_user_settings() -> None:
    user, sender = fake_user(TOKENS, answer({}), answer({}))
    session = sign_in(user)
    with pytest.warns(DeprecationWarning, match="enable_mfa"):
        assert user.enable_mfa() == "SUCCESS"
    with pytest.warns(DeprecationWarning, match="disable_mfa"):
        assert user.disable_mfa() == "SUCCESS"
    enable, disable = sender.calls[1:]
    assert enable.operation == disable.operation == "SetUserSettings"
    sms = {"DeliveryMedium": "SMS", "AttributeName": "phone_number"}
    assert enable.payload["MFAOptions"] == [sms]
    assert disable.payload["MFAOptions"] == []
    assert disable.payload["AccessToken"] == session.access_token.jwt_token


def test_mfa_settings_need_a_session() -> None:
    user, _ = fake_user()
    with pytest.raises(NotAuthenticatedError):
        user.set_user_mfa_preference({"Enabled": True, "PreferredMfa": True}, None)


# The flows alone, as the async twins will drive them.


def test_flows_are_generators_of_calls() -> None:
    ctx = AuthContext("client1", "AbC123", clock=lambda: NOW)
    step = ChallengeStep("SMS_MFA", {}, "s1", "bob")
    sender = ScriptedSender(TOKENS)
    outcome = run_sync(flows.mfa_code(ctx, step, "123456", device_key="dev"), sender)
    assert outcome.username == "bob"
    assert sender.calls[0].payload["ChallengeResponses"]["DEVICE_KEY"] == "dev"


def test_totp_uri_escapes_the_label() -> None:
    uri = totp_uri("ABC", "bob@example.com", "Acme Co")
    assert uri == "otpauth://totp/Acme%20Co:bob%40example.com?secret=ABC&issuer=Acme%20Co"
