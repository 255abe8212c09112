"""MFA over boto3: pool configuration, SMS / TOTP / email codes, SELECT_MFA_TYPE, MFA_SETUP."""

from __future__ import annotations

import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import STRONG_PASSWORD, PoolIds, latest_code, make_boto_client
from .helpers import confirmed_user, error_of, srp_answer, srp_responses, srp_start
from .mfa_helpers import (
    SNS_ROLE,
    messages,
    phone_user,
    respond,
    set_mfa,
    start_password,
    tokens_of,
    totp_now,
    totp_user,
)

pytestmark = pytest.mark.postgres  # also on PostgreSQL (tests/conftest.py)


EXPIRED = ("NotAuthorizedException", "Invalid session for the user, session is expired.")
MISMATCH = ("CodeMismatchException", "Invalid code received for user")


def _sms_user(boto: Any, pool: PoolIds, username: str = "alice") -> None:
    """OPTIONAL pool with SMS; a user who turned SMS MFA on."""
    set_mfa(boto, pool, "OPTIONAL", "sms")
    phone_user(boto, pool, username)
    access = tokens_of(boto, pool, username)["AccessToken"]
    boto.set_user_mfa_preference(AccessToken=access, SMSMfaSettings={"Enabled": True})


# Pool configuration


def test_pool_mfa_config_round_trip(boto: Any, pool: PoolIds) -> None:
    initial = boto.get_user_pool_mfa_config(UserPoolId=pool.user_pool_id)
    assert initial["MfaConfiguration"] == "OFF"
    assert initial["SoftwareTokenMfaConfiguration"] == {"Enabled": False}
    set_mfa(boto, pool, "OPTIONAL", "sms", "totp", "email")
    config = boto.get_user_pool_mfa_config(UserPoolId=pool.user_pool_id)
    assert config["MfaConfiguration"] == "OPTIONAL"
    assert config["SoftwareTokenMfaConfiguration"] == {"Enabled": True}
    assert config["SmsMfaConfiguration"]["SmsConfiguration"] == SNS_ROLE
    assert config["EmailMfaConfiguration"]["Message"] == "Sign-in code {####}"
    described = boto.describe_user_pool(UserPoolId=pool.user_pool_id)["UserPool"]
    assert described["MfaConfiguration"] == "OPTIONAL"
    assert described["SmsAuthenticationMessage"] == "Your sign-in code is {####}"


@pytest.mark.parametrize(
    ("mode", "factors", "message"),
    [
        ("ON", (), "can't disable all MFAs with a required or optional configuration."),
        ("OPTIONAL", (), "can't disable all MFAs with a required or optional configuration."),
        ("OFF", ("totp",), "can't turn off MFA and configure an MFA together."),
    ],
)
def test_pool_mfa_config_refuses_inconsistent_settings(
    boto: Any, pool: PoolIds, mode: str, factors: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ClientError) as excinfo:
        set_mfa(boto, pool, mode, *factors)
    code, text = error_of(excinfo)
    assert code == "InvalidParameterException"
    assert text == "Invalid MFA configuration given, " + message


def test_create_and_update_pool_need_a_factor_for_mfa(boto: Any, pool: PoolIds) -> None:
    with pytest.raises(ClientError) as excinfo:
        boto.create_user_pool(PoolName="p", MfaConfiguration="ON")
    assert error_of(excinfo)[0] == "InvalidParameterException"
    assert "SMS configuration" in error_of(excinfo)[1]
    created = boto.create_user_pool(
        PoolName="p", MfaConfiguration="OPTIONAL", SmsConfiguration=SNS_ROLE
    )["UserPool"]
    config = boto.get_user_pool_mfa_config(UserPoolId=created["Id"])
    assert config["MfaConfiguration"] == "OPTIONAL" and "SmsMfaConfiguration" in config
    with pytest.raises(ClientError):
        boto.update_user_pool(UserPoolId=pool.user_pool_id, MfaConfiguration="ON")
    set_mfa(boto, pool, "OPTIONAL", "totp")
    boto.update_user_pool(UserPoolId=pool.user_pool_id, MfaConfiguration="ON")
    assert boto.get_user_pool_mfa_config(UserPoolId=pool.user_pool_id)["MfaConfiguration"] == "ON"


# SMS


def test_sms_mfa_with_password_auth(boto: Any, pool: PoolIds) -> None:
    _sms_user(boto, pool)
    challenge = start_password(boto, pool, "alice")
    assert challenge["ChallengeName"] == "SMS_MFA"
    assert challenge["ChallengeParameters"] == {
        "CODE_DELIVERY_DELIVERY_MEDIUM": "SMS",
        "CODE_DELIVERY_DESTINATION": "+*******0123",
    }
    sent = messages(pool, "alice")[0]
    assert (sent["kind"], sent["medium"], sent["destination"]) == ("mfa", "SMS", "+15555550123")
    assert sent["message"] == f"Your sign-in code is {sent['code']}"
    result = respond(
        boto, pool, "SMS_MFA", challenge["Session"], USERNAME="alice", SMS_MFA_CODE=sent["code"]
    )
    assert "AccessToken" in result["AuthenticationResult"]


def test_sms_mfa_after_srp_and_on_another_server_process(
    boto: Any, pool: PoolIds, server_config: Any
) -> None:
    from cognito_identity.server.embedded import EmbeddedServer

    _sms_user(boto, pool)
    client, challenge = srp_start(boto, pool, "alice")
    responses = srp_responses(pool, client, challenge, STRONG_PASSWORD)
    mfa = srp_answer(boto, pool, responses, challenge["Session"])
    assert mfa["ChallengeName"] == "SMS_MFA"
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    with EmbeddedServer(server_config) as second:
        other = make_boto_client(second.endpoint)
        result = respond(
            other, pool, "SMS_MFA", mfa["Session"], USERNAME="alice", SMS_MFA_CODE=code
        )
    assert "IdToken" in result["AuthenticationResult"]


def test_sms_code_wrong_then_right_then_replayed(boto: Any, pool: PoolIds) -> None:
    _sms_user(boto, pool)
    session = start_password(boto, pool, "alice")["Session"]
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(ClientError) as excinfo:
        respond(boto, pool, "SMS_MFA", session, USERNAME="alice", SMS_MFA_CODE=wrong)
    assert error_of(excinfo) == MISMATCH
    respond(boto, pool, "SMS_MFA", session, USERNAME="alice", SMS_MFA_CODE=code)
    with pytest.raises(ClientError) as excinfo:
        respond(boto, pool, "SMS_MFA", session, USERNAME="alice", SMS_MFA_CODE=code)
    assert error_of(excinfo) == EXPIRED


def test_sms_code_dies_after_five_wrong_guesses(boto: Any, pool: PoolIds) -> None:
    _sms_user(boto, pool)
    session = start_password(boto, pool, "alice")["Session"]
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        with pytest.raises(ClientError):
            respond(boto, pool, "SMS_MFA", session, USERNAME="alice", SMS_MFA_CODE=wrong)
    with pytest.raises(ClientError) as excinfo:
        respond(boto, pool, "SMS_MFA", session, USERNAME="alice", SMS_MFA_CODE=code)
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_sms_session_expires(boto: Any, pool: PoolIds, clock: Any) -> None:
    _sms_user(boto, pool)
    session = start_password(boto, pool, "alice")["Session"]
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    clock.advance(3 * 60 + 1)
    with pytest.raises(ClientError) as excinfo:
        respond(boto, pool, "SMS_MFA", session, USERNAME="alice", SMS_MFA_CODE=code)
    assert error_of(excinfo) == EXPIRED


def test_challenge_answer_must_name_the_same_user(boto: Any, pool: PoolIds) -> None:
    _sms_user(boto, pool)
    confirmed_user(boto, pool, "bob")
    session = start_password(boto, pool, "alice")["Session"]
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    with pytest.raises(ClientError) as excinfo:
        respond(boto, pool, "SMS_MFA", session, USERNAME="bob", SMS_MFA_CODE=code)
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_mfa_mode_on_uses_the_phone_of_a_user_without_factors(boto: Any, pool: PoolIds) -> None:
    set_mfa(boto, pool, "ON", "sms")
    phone_user(boto, pool, "alice")
    assert start_password(boto, pool, "alice")["ChallengeName"] == "SMS_MFA"


def test_optional_and_off_pools_let_users_without_mfa_in(boto: Any, pool: PoolIds) -> None:
    _sms_user(boto, pool)
    phone_user(boto, pool, "bob")
    assert "AuthenticationResult" in start_password(boto, pool, "bob")
    set_mfa(boto, pool, "OFF")
    assert "AuthenticationResult" in start_password(boto, pool, "alice")


# TOTP


def test_totp_associate_verify_and_sign_in(boto: Any, pool: PoolIds, clock: Any) -> None:
    set_mfa(boto, pool, "OPTIONAL", "totp")
    secret = totp_user(boto, pool, clock, "alice")
    assert len(secret) == 52
    challenge = start_password(boto, pool, "alice")
    assert challenge["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    assert challenge["ChallengeParameters"] == {"FRIENDLY_DEVICE_NAME": "phone"}
    code = totp_now(secret, clock)
    # The JS SDK sends SMS_MFA_CODE too; it is ignored.
    result = respond(
        boto, pool, "SOFTWARE_TOKEN_MFA", challenge["Session"],
        USERNAME="alice", SOFTWARE_TOKEN_MFA_CODE=code, SMS_MFA_CODE=code,
    )  # fmt: skip
    assert "AccessToken" in result["AuthenticationResult"]
    user = boto.get_user(AccessToken=result["AuthenticationResult"]["AccessToken"])
    assert user["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]
    assert user["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"


def test_totp_code_is_not_accepted_twice(boto: Any, pool: PoolIds, clock: Any) -> None:
    set_mfa(boto, pool, "OPTIONAL", "totp")
    secret = totp_user(boto, pool, clock, "alice")
    code = totp_now(secret, clock)
    first = start_password(boto, pool, "alice")["Session"]
    respond(boto, pool, "SOFTWARE_TOKEN_MFA", first, USERNAME="alice", SOFTWARE_TOKEN_MFA_CODE=code)
    second = start_password(boto, pool, "alice")["Session"]
    with pytest.raises(ClientError) as excinfo:
        respond(
            boto, pool, "SOFTWARE_TOKEN_MFA", second, USERNAME="alice", SOFTWARE_TOKEN_MFA_CODE=code
        )
    assert error_of(excinfo) == (
        "ExpiredCodeException",
        "Your software token has already been used once.",
    )
    clock.advance(30)
    respond(
        boto, pool, "SOFTWARE_TOKEN_MFA", second,
        USERNAME="alice", SOFTWARE_TOKEN_MFA_CODE=totp_now(secret, clock),
    )  # fmt: skip


def test_totp_window_is_one_step(boto: Any, pool: PoolIds, clock: Any) -> None:
    set_mfa(boto, pool, "OPTIONAL", "totp")
    secret = totp_user(boto, pool, clock, "alice")
    clock.advance(60)
    session = start_password(boto, pool, "alice")["Session"]
    for stale in (totp_now(secret, clock, -60), totp_now(secret, clock, 60)):
        with pytest.raises(ClientError) as excinfo:
            respond(
                boto, pool, "SOFTWARE_TOKEN_MFA", session, USERNAME="alice",
                SOFTWARE_TOKEN_MFA_CODE=stale,
            )  # fmt: skip
        assert error_of(excinfo) == MISMATCH
    late = totp_now(secret, clock, -30)
    respond(
        boto, pool, "SOFTWARE_TOKEN_MFA", session, USERNAME="alice", SOFTWARE_TOKEN_MFA_CODE=late
    )


def test_verify_software_token_wrong_code(boto: Any, pool: PoolIds, clock: Any) -> None:
    confirmed_user(boto, pool, "alice")
    access = tokens_of(boto, pool, "alice")["AccessToken"]
    with pytest.raises(ClientError) as excinfo:
        boto.verify_software_token(AccessToken=access, UserCode="123456")
    assert error_of(excinfo)[0] == "SoftwareTokenMFANotFoundException"
    secret = boto.associate_software_token(AccessToken=access)["SecretCode"]
    wrong = totp_now(secret, clock, 300)
    with pytest.raises(ClientError) as excinfo:
        boto.verify_software_token(AccessToken=access, UserCode=wrong)
    assert error_of(excinfo) == (
        "EnableSoftwareTokenMFAException",
        "Code mismatch and fail enable Software Token MFA",
    )
    ok = boto.verify_software_token(AccessToken=access, UserCode=totp_now(secret, clock))
    assert ok["Status"] == "SUCCESS"


# Email


def test_email_otp(boto: Any, pool: PoolIds) -> None:
    set_mfa(boto, pool, "OPTIONAL", "email")
    confirmed_user(boto, pool, "alice")
    access = tokens_of(boto, pool, "alice")["AccessToken"]
    boto.set_user_mfa_preference(AccessToken=access, EmailMfaSettings={"Enabled": True})
    challenge = start_password(boto, pool, "alice")
    assert challenge["ChallengeName"] == "EMAIL_OTP"
    assert challenge["ChallengeParameters"]["CODE_DELIVERY_DESTINATION"] == "a***@e***"
    sent = messages(pool, "alice")[0]
    assert sent["medium"] == "EMAIL" and sent["message"] == f"Sign-in code {sent['code']}"
    result = respond(
        boto, pool, "EMAIL_OTP", challenge["Session"], USERNAME="alice", EMAIL_OTP_CODE=sent["code"]
    )
    assert "AccessToken" in result["AuthenticationResult"]


# Choosing and setting up


def test_select_mfa_type(boto: Any, pool: PoolIds, clock: Any) -> None:
    set_mfa(boto, pool, "OPTIONAL", "sms", "totp")
    phone_user(boto, pool, "alice")
    access = tokens_of(boto, pool, "alice")["AccessToken"]
    secret = boto.associate_software_token(AccessToken=access)["SecretCode"]
    boto.verify_software_token(AccessToken=access, UserCode=totp_now(secret, clock))
    boto.set_user_mfa_preference(
        AccessToken=access,
        SMSMfaSettings={"Enabled": True},
        SoftwareTokenMfaSettings={"Enabled": True},
    )
    clock.advance(30)
    challenge = start_password(boto, pool, "alice")
    assert challenge["ChallengeName"] == "SELECT_MFA_TYPE"
    choices = challenge["ChallengeParameters"]["MFAS_CAN_CHOOSE"]
    assert json.loads(choices) == ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]
    with pytest.raises(ClientError) as excinfo:
        respond(boto, pool, "SELECT_MFA_TYPE", challenge["Session"], USERNAME="alice", ANSWER="X")
    assert error_of(excinfo)[0] == "InvalidParameterException"
    totp = respond(
        boto, pool, "SELECT_MFA_TYPE", challenge["Session"],
        USERNAME="alice", ANSWER="SOFTWARE_TOKEN_MFA",
    )  # fmt: skip
    assert totp["ChallengeName"] == "SOFTWARE_TOKEN_MFA"
    result = respond(
        boto, pool, "SOFTWARE_TOKEN_MFA", totp["Session"],
        USERNAME="alice", SOFTWARE_TOKEN_MFA_CODE=totp_now(secret, clock),
    )  # fmt: skip
    assert "AccessToken" in result["AuthenticationResult"]


def test_mfa_setup_through_the_session(boto: Any, pool: PoolIds, clock: Any) -> None:
    set_mfa(boto, pool, "ON", "totp")
    confirmed_user(boto, pool, "alice")
    challenge = start_password(boto, pool, "alice")
    assert challenge["ChallengeName"] == "MFA_SETUP"
    assert json.loads(challenge["ChallengeParameters"]["MFAS_CAN_SETUP"]) == ["SOFTWARE_TOKEN_MFA"]
    with pytest.raises(ClientError) as excinfo:
        respond(boto, pool, "MFA_SETUP", challenge["Session"], USERNAME="alice")
    assert error_of(excinfo)[0] == "InvalidParameterException"
    associated = boto.associate_software_token(Session=challenge["Session"])
    with pytest.raises(ClientError) as excinfo:  # each step's Session is single use
        boto.associate_software_token(Session=challenge["Session"])
    assert error_of(excinfo) == EXPIRED
    verified = boto.verify_software_token(
        Session=associated["Session"], UserCode=totp_now(associated["SecretCode"], clock)
    )
    assert verified["Status"] == "SUCCESS"
    result = respond(boto, pool, "MFA_SETUP", verified["Session"], USERNAME="alice")
    access = result["AuthenticationResult"]["AccessToken"]
    assert boto.get_user(AccessToken=access)["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    assert start_password(boto, pool, "alice")["ChallengeName"] == "SOFTWARE_TOKEN_MFA"


# User settings


def test_user_mfa_settings_and_their_wire_fields(boto: Any, pool: PoolIds) -> None:
    set_mfa(boto, pool, "OPTIONAL", "sms", "totp")
    phone_user(boto, pool, "alice")
    access = tokens_of(boto, pool, "alice")["AccessToken"]
    boto.set_user_settings(
        AccessToken=access, MFAOptions=[{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    )
    user = boto.get_user(AccessToken=access)
    assert user["MFAOptions"] == [{"DeliveryMedium": "SMS", "AttributeName": "phone_number"}]
    assert user["UserMFASettingList"] == ["SMS_MFA"]
    admin = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="alice")
    assert admin["UserMFASettingList"] == ["SMS_MFA"]
    boto.admin_set_user_mfa_preference(
        UserPoolId=pool.user_pool_id,
        Username="alice",
        SMSMfaSettings={"Enabled": True, "PreferredMfa": True},
    )
    assert boto.get_user(AccessToken=access)["PreferredMfaSetting"] == "SMS_MFA"
    boto.set_user_settings(AccessToken=access, MFAOptions=[])
    user = boto.get_user(AccessToken=access)
    assert "MFAOptions" not in user and "PreferredMfaSetting" not in user


def test_factors_need_a_delivery_config(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    access = tokens_of(boto, pool, "alice")["AccessToken"]
    for member, factor in (
        ("SMSMfaSettings", "SMS_MFA"),
        ("SoftwareTokenMfaSettings", "SOFTWARE_TOKEN_MFA"),
    ):
        with pytest.raises(ClientError) as excinfo:
            boto.set_user_mfa_preference(AccessToken=access, **{member: {"Enabled": True}})
        assert error_of(excinfo) == (
            "InvalidParameterException",
            f"User does not have delivery config set to turn on {factor}",
        )


def test_garbage_sessions_and_tokens_are_refused_cleanly(boto: Any, pool: PoolIds) -> None:
    garbage = "x" * 40
    calls = [
        lambda: boto.associate_software_token(Session=garbage),
        lambda: boto.verify_software_token(Session=garbage, UserCode="123456"),
        lambda: boto.verify_software_token(AccessToken="a.b.c", UserCode="123456"),
        lambda: respond(boto, pool, "SMS_MFA", garbage, USERNAME="a", SMS_MFA_CODE="1"),
        lambda: respond(boto, pool, "MFA_SETUP", garbage, USERNAME="a"),
        lambda: respond(boto, pool, "CUSTOM_CHALLENGE", garbage, USERNAME="a", ANSWER="x"),
        lambda: respond(boto, pool, "NEW_PASSWORD_REQUIRED", garbage, USERNAME="a"),
        lambda: boto.associate_software_token(),
    ]
    for call in calls:
        with pytest.raises(ClientError) as excinfo:
            call()
        assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400
