"""Remembered-device flows: ConfirmDevice after a sign-in, device SRP, device operations.

Like the other flows these are generators of calls (see :mod:`._driver`) that touch no storage:
the user classes decide what to keep. What goes on the wire follows amazon-cognito-identity-js
(``authenticateUserInternal`` -> ConfirmDevice, ``getDeviceResponse``, ``getDevice``,
``listDevices``, ``setDeviceStatus*``, ``forgetSpecificDevice``), with SECRET_HASH added when the
app client has a secret.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .._wire import Call
from ..devices import Device, DevicePage, RememberedDevice
from ..errors import CognitoError, InvalidResponseError, ResourceNotFoundException
from ..protocol.device import RANDOM_PASSWORD_BYTES, SALT_BYTES, device_secret
from ..protocol.srp import PRIVATE_VALUE_BYTES, SrpClient, SrpError, password_claim_signature
from ..protocol.timestamp import format_timestamp
from ._driver import Flow
from .account import SUCCESS
from .auth import AuthContext, AuthOutcome, ChallengeStep, outcome
from .challenges import respond_call

DEVICE_SRP_AUTH = "DEVICE_SRP_AUTH"
DEVICE_PASSWORD_VERIFIER = "DEVICE_PASSWORD_VERIFIER"
_VERIFIER_KEYS = ("SRP_B", "SALT", "SECRET_BLOCK")


@dataclass(frozen=True)
class ConfirmedDevice:
    """What ConfirmDevice gave: the device to remember and whether to ask the user first.

    Attributes:
        device: the keys and secret to store.
        user_confirmation_necessary: the pool remembers the device only once the user agrees
            (``DeviceOnlyRememberedOnUserPrompt``): call UpdateDeviceStatus ``remembered``.
    """

    device: RememberedDevice
    user_confirmation_necessary: bool


def confirm_device(
    ctx: AuthContext, access_token: str, metadata: Mapping[str, Any], device_name: str
) -> Flow[ConfirmedDevice]:
    """Make up the device's secret and send its verifier (ConfirmDevice).

    Raises:
        InvalidResponseError: ``metadata`` lacks DeviceKey or DeviceGroupKey.
    """
    key, group = metadata.get("DeviceKey"), metadata.get("DeviceGroupKey")
    if not isinstance(key, str) or not key or not isinstance(group, str) or not group:
        raise InvalidResponseError("NewDeviceMetadata lacks DeviceKey or DeviceGroupKey")
    secret = device_secret(
        group, key, ctx.random_bytes(RANDOM_PASSWORD_BYTES), ctx.random_bytes(SALT_BYTES)
    )
    payload = {
        "AccessToken": access_token,
        "DeviceKey": key,
        "DeviceSecretVerifierConfig": secret.verifier_config(),
        "DeviceName": device_name,
    }
    answer = yield Call("ConfirmDevice", payload)
    device = RememberedDevice(key, group, secret.random_password)
    return ConfirmedDevice(device, bool(answer.get("UserConfirmationNecessary")))


def device_srp(
    ctx: AuthContext, step: ChallengeStep, device: RememberedDevice
) -> Flow[AuthOutcome]:
    """Answer ``DEVICE_SRP_AUTH`` then ``DEVICE_PASSWORD_VERIFIER`` (JS ``getDeviceResponse``).

    Raises:
        NotAuthorizedException: the pool refused the device's secret.
        InvalidResponseError: the pool did not ask for DEVICE_PASSWORD_VERIFIER as expected.
    """
    srp = SrpClient.from_random_bytes(ctx.random_bytes(PRIVATE_VALUE_BYTES))
    start = {"DEVICE_KEY": device.device_key, "SRP_A": srp.srp_a}
    answer = yield respond_call(ctx, step, DEVICE_SRP_AUTH, start)
    verifier_step = _verifier_step(answer, step.username)
    responses = _device_claim(ctx, srp, verifier_step.parameters, device)
    reply = yield respond_call(ctx, verifier_step, DEVICE_PASSWORD_VERIFIER, responses)
    return outcome(ctx, reply, step.username)


def _verifier_step(answer: Mapping[str, Any], username: str) -> ChallengeStep:
    name = answer.get("ChallengeName")
    parameters = answer.get("ChallengeParameters")
    if name != DEVICE_PASSWORD_VERIFIER or not isinstance(parameters, Mapping):
        raise InvalidResponseError(f"Expected {DEVICE_PASSWORD_VERIFIER}, got {name!r}")
    missing = [key for key in _VERIFIER_KEYS if not isinstance(parameters.get(key), str)]
    if missing:
        raise InvalidResponseError(f"{DEVICE_PASSWORD_VERIFIER} lacks {', '.join(missing)}")
    return ChallengeStep(str(name), dict(parameters), answer.get("Session"), username)


def _device_claim(
    ctx: AuthContext, srp: SrpClient, parameters: Mapping[str, str], device: RememberedDevice
) -> dict[str, str | None]:
    group, key = device.device_group_key, device.device_key
    try:
        big_b, salt = int(parameters["SRP_B"], 16), int(parameters["SALT"], 16)
        session_key = srp.session_key(group, key, device.random_password, big_b, salt)
    except (SrpError, ValueError) as exc:
        raise InvalidResponseError(f"{DEVICE_PASSWORD_VERIFIER} is unusable: {exc}") from exc
    secret_block = parameters["SECRET_BLOCK"]
    timestamp = format_timestamp(ctx.clock())
    return {
        "PASSWORD_CLAIM_SECRET_BLOCK": secret_block,
        "TIMESTAMP": timestamp,
        "PASSWORD_CLAIM_SIGNATURE": password_claim_signature(
            session_key, group, key, secret_block, timestamp
        ),
        "DEVICE_KEY": key,
    }


def device_missing(error: CognitoError) -> bool:
    """Whether ``error`` says the device a sign-in named is unknown (JS checks the same:
    ResourceNotFoundException whose message mentions "device")."""
    return isinstance(error, ResourceNotFoundException) and "device" in error.message.lower()


# Device operations of a signed-in user (README use cases 18-22).


def get_device(access_token: str, device_key: str) -> Flow[Device]:
    """GetDevice."""
    answer = yield Call("GetDevice", {"AccessToken": access_token, "DeviceKey": device_key})
    data = answer.get("Device")
    if not isinstance(data, Mapping):
        raise InvalidResponseError("GetDevice answered without a Device")
    return Device.from_wire(data)


def list_devices(
    access_token: str, limit: int, pagination_token: str | None = None
) -> Flow[DevicePage]:
    """ListDevices; the token is sent only when given (as in JS)."""
    payload = {
        "AccessToken": access_token,
        "Limit": limit,
        "PaginationToken": pagination_token or None,
    }
    return DevicePage.from_wire((yield Call("ListDevices", payload)))


def update_device_status(access_token: str, device_key: str, status: str) -> Flow[str]:
    """UpdateDeviceStatus to ``remembered`` or ``not_remembered``."""
    payload = {
        "AccessToken": access_token,
        "DeviceKey": device_key,
        "DeviceRememberedStatus": status,
    }
    yield Call("UpdateDeviceStatus", payload)
    return SUCCESS


def forget_device(access_token: str, device_key: str) -> Flow[str]:
    """ForgetDevice."""
    yield Call("ForgetDevice", {"AccessToken": access_token, "DeviceKey": device_key})
    return SUCCESS
