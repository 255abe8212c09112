"""Remembered devices in sign-in: NewDeviceMetadata, ConfirmDevice, device SRP instead of MFA."""

from __future__ import annotations

import base64
import json
import re
import secrets
import uuid
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from cognito_identity.protocol.srp import SrpClient

from ..conftest import STRONG_PASSWORD, PoolIds, latest_code
from .device_helpers import (
    Device,
    device_srp,
    password_start,
    remember,
    remembered_user,
    sms_login,
    tracking_pool,
)
from .helpers import error_of, srp_responses, srp_start
from .mfa_helpers import messages, phone_user, respond, set_mfa, start_password

pytestmark = pytest.mark.postgres  # also on PostgreSQL (tests/conftest.py)


def claims_of(jwt: str) -> Any:
    payload = jwt.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def sms_count(pool: PoolIds, username: str) -> int:
    return sum(1 for message in messages(pool, username) if message["kind"] == "mfa")


def test_device_configuration_is_stored_and_described(boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool, skip_mfa=True, ask_user=True, mfa=False)
    described = boto.describe_user_pool(UserPoolId=pool.user_pool_id)["UserPool"]
    assert described["DeviceConfiguration"] == {
        "ChallengeRequiredOnNewDevice": True,
        "DeviceOnlyRememberedOnUserPrompt": True,
    }


def test_new_device_metadata_looks_like_cognito_and_binds_the_tokens(
    boto: Any, pool: PoolIds
) -> None:
    tracking_pool(boto, pool)
    phone_user(boto, pool, "alice")
    result = sms_login(boto, pool, "alice")["AuthenticationResult"]
    metadata = result["NewDeviceMetadata"]
    assert re.fullmatch(
        r"us-east-1_[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}", metadata["DeviceKey"]
    )
    assert re.fullmatch(r"-[A-Za-z0-9]{9}", metadata["DeviceGroupKey"])
    assert claims_of(result["AccessToken"])["device_key"] == metadata["DeviceKey"]
    _device, necessary = remember(boto, result)
    assert necessary is False


def test_remembered_device_skips_mfa_with_device_srp(boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool)
    device, _first = remembered_user(boto, pool, "alice")
    sent = sms_count(pool, "alice")
    challenge = password_start(boto, pool, "alice", device)
    assert challenge["ChallengeName"] == "DEVICE_SRP_AUTH"
    result = device_srp(boto, pool, challenge, device, "alice")["AuthenticationResult"]
    assert "NewDeviceMetadata" not in result
    assert claims_of(result["AccessToken"])["device_key"] == device.key
    assert boto.get_user(AccessToken=result["AccessToken"])["Username"] == "alice"
    assert sms_count(pool, "alice") == sent  # no code was texted


def test_srp_login_names_the_device_in_password_verifier(boto: Any, pool: PoolIds) -> None:
    """The JS SDK sends DEVICE_KEY with PASSWORD_VERIFIER, not with InitiateAuth."""
    tracking_pool(boto, pool)
    device, _first = remembered_user(boto, pool, "alice")
    client, challenge = srp_start(boto, pool, "alice")
    responses = {
        **srp_responses(pool, client, challenge, STRONG_PASSWORD),
        "DEVICE_KEY": device.key,
    }
    step = respond(boto, pool, "PASSWORD_VERIFIER", challenge["Session"], **responses)
    user_id = challenge["ChallengeParameters"]["USER_ID_FOR_SRP"]
    result = device_srp(boto, pool, step, device, user_id)
    assert "AccessToken" in result["AuthenticationResult"]


def test_srp_login_with_the_device_in_initiate_auth(boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool)
    device, _first = remembered_user(boto, pool, "alice")
    client = SrpClient.from_random_bytes(secrets.token_bytes(128))
    challenge = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": "alice", "SRP_A": client.srp_a, "DEVICE_KEY": device.key},
    )
    responses = srp_responses(pool, client, challenge, STRONG_PASSWORD)
    step = respond(boto, pool, "PASSWORD_VERIFIER", challenge["Session"], **responses)
    assert step["ChallengeName"] == "DEVICE_SRP_AUTH"
    assert "AuthenticationResult" in device_srp(boto, pool, step, device, "alice")


def test_opt_in_pool_remembers_only_after_update_device_status(boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool, ask_user=True)
    phone_user(boto, pool, "alice")
    first = sms_login(boto, pool, "alice")["AuthenticationResult"]
    device, necessary = remember(boto, first)
    assert necessary is True
    # Not remembered yet: MFA first, then the device proves itself (no new device).
    after_code = sms_login(boto, pool, "alice", device.key)
    tokens = device_srp(boto, pool, after_code, device, "alice")["AuthenticationResult"]
    assert "NewDeviceMetadata" not in tokens
    boto.update_device_status(
        AccessToken=tokens["AccessToken"], DeviceKey=device.key, DeviceRememberedStatus="remembered"
    )
    challenge = password_start(boto, pool, "alice", device)
    assert challenge["ChallengeName"] == "DEVICE_SRP_AUTH"
    assert "AuthenticationResult" in device_srp(boto, pool, challenge, device, "alice")


def test_remembered_device_does_not_skip_mfa_unless_the_pool_says_so(
    boto: Any, pool: PoolIds
) -> None:
    tracking_pool(boto, pool, skip_mfa=False)
    device, _first = remembered_user(boto, pool, "alice")
    after_code = sms_login(boto, pool, "alice", device.key)
    assert after_code["ChallengeName"] == "DEVICE_SRP_AUTH"
    assert "AuthenticationResult" in device_srp(boto, pool, after_code, device, "alice")


def test_device_step_accepts_the_mfa_session_as_the_js_sdk_sends_it(
    boto: Any, pool: PoolIds
) -> None:
    """JS ``sendMFACode`` answers DEVICE_SRP_AUTH with the MFA step's Session (quirk 7)."""
    tracking_pool(boto, pool, skip_mfa=False)
    device, _first = remembered_user(boto, pool, "alice")
    challenge = password_start(boto, pool, "alice", device)
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    mfa_session = challenge["Session"]
    after_code = respond(
        boto,
        pool,
        "SMS_MFA",
        mfa_session,
        USERNAME="alice",
        SMS_MFA_CODE=code,
        DEVICE_KEY=device.key,
    )
    assert after_code["Session"] == mfa_session
    assert "AuthenticationResult" in device_srp(boto, pool, after_code, device, "alice")
    with pytest.raises(ClientError) as excinfo:  # neither step can be replayed
        respond(boto, pool, "SMS_MFA", mfa_session, USERNAME="alice", SMS_MFA_CODE=code)
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_select_mfa_type_keeps_the_device(boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool, skip_mfa=False, mfa=False)  # first: UpdateUserPool resets MFA
    set_mfa(boto, pool, "OPTIONAL", "sms", "email")
    phone_user(boto, pool, "alice")
    device, _necessary = remember(boto, start_password(boto, pool, "alice")["AuthenticationResult"])
    boto.admin_set_user_mfa_preference(
        UserPoolId=pool.user_pool_id,
        Username="alice",
        SMSMfaSettings={"Enabled": True},
        EmailMfaSettings={"Enabled": True},
    )
    select = password_start(boto, pool, "alice", device)
    assert select["ChallengeName"] == "SELECT_MFA_TYPE"
    sms = respond(
        boto, pool, "SELECT_MFA_TYPE", select["Session"], USERNAME="alice", ANSWER="SMS_MFA"
    )
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    after_code = respond(boto, pool, "SMS_MFA", sms["Session"], USERNAME="alice", SMS_MFA_CODE=code)
    assert "AuthenticationResult" in device_srp(boto, pool, after_code, device, "alice")


def test_forgotten_device_no_longer_skips_mfa(boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool)
    device, first = remembered_user(boto, pool, "alice")
    boto.forget_device(AccessToken=first["AccessToken"], DeviceKey=device.key)
    with pytest.raises(ClientError) as excinfo:
        password_start(boto, pool, "alice", device)
    assert error_of(excinfo) == ("ResourceNotFoundException", "Device does not exist.")
    assert start_password(boto, pool, "alice")["ChallengeName"] == "SMS_MFA"


@pytest.mark.parametrize("admin", [False, True])
def test_global_sign_out_asks_for_mfa_once_more(boto: Any, pool: PoolIds, admin: bool) -> None:
    tracking_pool(boto, pool)
    device, first = remembered_user(boto, pool, "alice")
    if admin:
        boto.admin_user_global_sign_out(UserPoolId=pool.user_pool_id, Username="alice")
    else:
        boto.global_sign_out(AccessToken=first["AccessToken"])
    after_code = sms_login(boto, pool, "alice", device.key)  # asserts SMS_MFA came first
    assert "AuthenticationResult" in device_srp(boto, pool, after_code, device, "alice")
    # MFA passed on the device: it is trusted again.
    challenge = password_start(boto, pool, "alice", device)
    assert challenge["ChallengeName"] == "DEVICE_SRP_AUTH"


def test_tampered_device_secret_is_refused(boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool)
    device, _first = remembered_user(boto, pool, "alice")
    challenge = password_start(boto, pool, "alice", device)
    wrong = base64.b64encode(b"\x00" * 40).decode()
    with pytest.raises(ClientError) as excinfo:
        device_srp(boto, pool, challenge, device, "alice", password=wrong)
    assert error_of(excinfo) == ("NotAuthorizedException", "Incorrect username or password.")


def test_another_devices_key_cannot_answer_the_step(boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool)
    device, _first = remembered_user(boto, pool, "alice")
    other, _result = remember(boto, sms_login(boto, pool, "alice")["AuthenticationResult"])
    challenge = password_start(boto, pool, "alice", device)
    with pytest.raises(ClientError) as excinfo:
        device_srp(boto, pool, challenge, other, "alice")
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_unknown_device_key_is_resource_not_found(boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool)
    phone_user(boto, pool, "alice")
    stranger = Device(f"us-east-1_{uuid.uuid4()}", "-AbCdEfGhI", "x")
    with pytest.raises(ClientError) as excinfo:
        password_start(boto, pool, "alice", stranger)
    assert error_of(excinfo) == ("ResourceNotFoundException", "Device does not exist.")


def _call(pool: PoolIds, operation: str, body: dict[str, Any]) -> httpx.Response:
    """A raw request, as the JS SDK sends it (boto3 can't send a null map value)."""
    return httpx.post(
        pool.endpoint,
        content=json.dumps(body),
        headers={
            "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
            "Content-Type": "application/x-amz-json-1.1",
        },
    )


def test_js_retry_without_device_key_after_device_not_found(boto: Any, pool: PoolIds) -> None:
    """JS: on "device not found" the same PASSWORD_VERIFIER request goes again with
    ``"DEVICE_KEY": null`` (same signature, same timestamp): it must then succeed."""
    tracking_pool(boto, pool, mfa=False)
    phone_user(boto, pool, "alice")
    client, challenge = srp_start(boto, pool, "alice")
    responses: dict[str, Any] = srp_responses(pool, client, challenge, STRONG_PASSWORD)
    responses["DEVICE_KEY"] = f"us-east-1_{uuid.uuid4()}"
    body = {
        "ChallengeName": "PASSWORD_VERIFIER",
        "ClientId": pool.client_id,
        "ChallengeResponses": responses,
        "Session": challenge["Session"],
        "ClientMetadata": {},
    }
    refused = _call(pool, "RespondToAuthChallenge", body)
    assert refused.status_code == 400
    assert refused.json()["__type"] == "ResourceNotFoundException"
    assert "device" in refused.json()["message"].lower()
    responses["DEVICE_KEY"] = None
    retried = _call(pool, "RespondToAuthChallenge", body)
    assert retried.status_code == 200, retried.text
    assert "NewDeviceMetadata" in retried.json()["AuthenticationResult"]


def test_pool_without_device_tracking_ignores_device_keys(boto: Any, pool: PoolIds) -> None:
    phone_user(boto, pool, "alice")
    result = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": "alice",
            "PASSWORD": STRONG_PASSWORD,
            "DEVICE_KEY": f"us-east-1_{uuid.uuid4()}",
        },
    )["AuthenticationResult"]
    assert "NewDeviceMetadata" not in result
    assert "device_key" not in claims_of(result["AccessToken"])


def test_refresh_from_a_device_must_name_it(boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool)
    device, _first = remembered_user(boto, pool, "alice")
    challenge = password_start(boto, pool, "alice", device)
    result = device_srp(boto, pool, challenge, device, "alice")["AuthenticationResult"]

    def refresh(**extra: str) -> Any:
        params = {"REFRESH_TOKEN": result["RefreshToken"], **extra}
        return boto.initiate_auth(
            ClientId=pool.client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters=params
        )["AuthenticationResult"]

    refreshed = refresh(DEVICE_KEY=device.key)
    assert claims_of(refreshed["AccessToken"])["device_key"] == device.key
    for extra in ({}, {"DEVICE_KEY": f"us-east-1_{uuid.uuid4()}"}):
        with pytest.raises(ClientError) as excinfo:
            refresh(**extra)
        assert error_of(excinfo) == ("NotAuthorizedException", "Invalid Refresh Token")


def test_refresh_before_the_device_is_confirmed_needs_no_key(boto: Any, pool: PoolIds) -> None:
    """A client that ignores NewDeviceMetadata (boto3 scripts, older SDKs) keeps refreshing."""
    tracking_pool(boto, pool, mfa=False)
    phone_user(boto, pool, "alice")
    result = start_password(boto, pool, "alice")["AuthenticationResult"]
    refreshed = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": result["RefreshToken"]},
    )
    assert "AccessToken" in refreshed["AuthenticationResult"]


def test_device_steps_refuse_bad_answers(boto: Any, pool: PoolIds) -> None:
    tracking_pool(boto, pool)
    device, _first = remembered_user(boto, pool, "alice")
    challenge = password_start(boto, pool, "alice", device)
    bad = [
        {"USERNAME": "alice", "DEVICE_KEY": device.key, "SRP_A": "zz"},
        {"USERNAME": "alice", "DEVICE_KEY": device.key},
        {"USERNAME": "bob", "DEVICE_KEY": device.key, "SRP_A": "0a"},
    ]
    for responses in bad:
        with pytest.raises(ClientError) as excinfo:
            respond(boto, pool, "DEVICE_SRP_AUTH", challenge["Session"], **responses)
        assert error_of(excinfo)[0] in ("InvalidParameterException", "NotAuthorizedException")
    with pytest.raises(ClientError) as excinfo:
        respond(boto, pool, "DEVICE_PASSWORD_VERIFIER", "x" * 40, USERNAME="alice")
    assert error_of(excinfo)[0] == "InvalidParameterException"
    # The step survived the bad answers.
    assert "AuthenticationResult" in device_srp(boto, pool, challenge, device, "alice")
