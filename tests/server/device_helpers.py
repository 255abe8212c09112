"""A hand-written device client for the remembered-device tests (JS SDK §6 maths).

``remember`` does what the JS SDK does with NewDeviceMetadata (``generateHashDevice`` and
ConfirmDevice); ``device_srp`` answers DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER.
"""

from __future__ import annotations

import base64
import secrets
import time
from dataclasses import dataclass
from typing import Any

from cognito_identity.protocol.srp import (
    PRIVATE_VALUE_BYTES,
    SrpClient,
    compute_verifier,
    pad_hex,
    password_claim_signature,
)
from cognito_identity.protocol.timestamp import format_timestamp

from ..conftest import STRONG_PASSWORD, PoolIds, latest_code
from .mfa_helpers import phone_user, respond, set_mfa, start_password


@dataclass(frozen=True)
class Device:
    """What the JS SDK keeps in storage for a remembered device."""

    key: str
    group_key: str
    password: str


def device_config(group_key: str, device_key: str) -> tuple[str, dict[str, str]]:
    """A random device password and its ConfirmDevice DeviceSecretVerifierConfig."""
    password = base64.b64encode(secrets.token_bytes(40)).decode()
    salt_hex = pad_hex(int.from_bytes(secrets.token_bytes(16), "big"))
    verifier = compute_verifier(int(salt_hex, 16), group_key, device_key, password)
    config = {
        "Salt": base64.b64encode(bytes.fromhex(salt_hex)).decode(),
        "PasswordVerifier": base64.b64encode(bytes.fromhex(pad_hex(verifier))).decode(),
    }
    return password, config


def remember(boto: Any, result: Any, name: str = "pytest-device") -> tuple[Device, bool]:
    """ConfirmDevice for ``result``'s NewDeviceMetadata.

    Returns the device and UserConfirmationNecessary.
    """
    metadata = result["NewDeviceMetadata"]
    key, group = metadata["DeviceKey"], metadata["DeviceGroupKey"]
    password, config = device_config(group, key)
    answer = boto.confirm_device(
        AccessToken=result["AccessToken"],
        DeviceKey=key,
        DeviceSecretVerifierConfig=config,
        DeviceName=name,
    )
    return Device(key, group, password), bool(answer["UserConfirmationNecessary"])


def device_srp(
    boto: Any, pool: PoolIds, challenge: Any, device: Device, username: str, password: str = ""
) -> Any:
    """Answer DEVICE_SRP_AUTH then DEVICE_PASSWORD_VERIFIER; the last response.

    ``password`` replaces the device's (a tampered secret) when given.
    """
    assert challenge["ChallengeName"] == "DEVICE_SRP_AUTH", challenge
    client = SrpClient.from_random_bytes(secrets.token_bytes(PRIVATE_VALUE_BYTES))
    verifier_step = respond(
        boto,
        pool,
        "DEVICE_SRP_AUTH",
        challenge["Session"],
        USERNAME=username,
        DEVICE_KEY=device.key,
        SRP_A=client.srp_a,
    )
    return respond(
        boto,
        pool,
        "DEVICE_PASSWORD_VERIFIER",
        verifier_step["Session"],
        **claim(client, verifier_step, device, username, password or device.password),
    )


def claim(
    client: SrpClient, step: Any, device: Device, username: str, password: str
) -> dict[str, str]:
    """DEVICE_PASSWORD_VERIFIER ChallengeResponses (JS ``getDeviceResponse``)."""
    assert step["ChallengeName"] == "DEVICE_PASSWORD_VERIFIER", step
    params = step["ChallengeParameters"]
    key = client.session_key(
        device.group_key, device.key, password, int(params["SRP_B"], 16), int(params["SALT"], 16)
    )
    timestamp = format_timestamp(time.time())
    secret_block = params["SECRET_BLOCK"]
    return {
        "USERNAME": username,
        "PASSWORD_CLAIM_SECRET_BLOCK": secret_block,
        "TIMESTAMP": timestamp,
        "PASSWORD_CLAIM_SIGNATURE": password_claim_signature(
            key, device.group_key, device.key, secret_block, timestamp
        ),
        "DEVICE_KEY": device.key,
    }


def tracking_pool(
    boto: Any, pool: PoolIds, *, skip_mfa: bool = True, ask_user: bool = False, mfa: bool = True
) -> None:
    """Turn device tracking on (and SMS MFA ON, by default) in the fixture's pool.

    UpdateUserPool first: like Cognito's, it resets what it is not given (MFA included).
    """
    boto.update_user_pool(
        UserPoolId=pool.user_pool_id,
        AutoVerifiedAttributes=["email"],
        DeviceConfiguration={
            "ChallengeRequiredOnNewDevice": skip_mfa,
            "DeviceOnlyRememberedOnUserPrompt": ask_user,
        },
    )
    if mfa:
        set_mfa(boto, pool, "ON", "sms")


def sms_login(boto: Any, pool: PoolIds, username: str, device_key: str | None = None) -> Any:
    """USER_PASSWORD_AUTH answered with the texted code; the response after the code."""
    params = {"USERNAME": username, "PASSWORD": STRONG_PASSWORD}
    if device_key is not None:
        params["DEVICE_KEY"] = device_key
    challenge = boto.initiate_auth(
        ClientId=pool.client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters=params
    )
    assert challenge["ChallengeName"] == "SMS_MFA", challenge
    code = latest_code(pool.endpoint, pool.user_pool_id, username)
    return respond(
        boto, pool, "SMS_MFA", challenge["Session"], USERNAME=username, SMS_MFA_CODE=code
    )


def remembered_user(boto: Any, pool: PoolIds, username: str) -> tuple[Device, Any]:
    """A phone user who signed in with SMS MFA and confirmed the device (remembered at once
    unless the pool asks the user); the device and the first sign-in's AuthenticationResult."""
    phone_user(boto, pool, username)
    result = sms_login(boto, pool, username)["AuthenticationResult"]
    device, _necessary = remember(boto, result)
    return device, result


def password_start(boto: Any, pool: PoolIds, username: str, device: Device | None) -> Any:
    """USER_PASSWORD_AUTH with the device's key (the JS SDK's way); the first response."""
    if device is None:
        return start_password(boto, pool, username)
    return boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": username,
            "PASSWORD": STRONG_PASSWORD,
            "DEVICE_KEY": device.key,
        },
    )
