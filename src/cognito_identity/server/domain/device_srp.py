"""Device SRP: the DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER answers of a sign-in.

::

    (password ok [, MFA ok]) -> DEVICE_SRP_AUTH (opened by :func:`.devices.open_challenge`)
    RespondToAuthChallenge DEVICE_SRP_AUTH {USERNAME, DEVICE_KEY, SRP_A}
        -> DEVICE_PASSWORD_VERIFIER {SRP_B, SALT, SECRET_BLOCK, USERNAME, DEVICE_KEY}
    RespondToAuthChallenge DEVICE_PASSWORD_VERIFIER {USERNAME, DEVICE_KEY, TIMESTAMP,
        PASSWORD_CLAIM_SECRET_BLOCK, PASSWORD_CLAIM_SIGNATURE} -> tokens bound to the device

It is the password SRP of :mod:`.srp_verifier` with the device's verifier: the "pool name" of
the maths is the DeviceGroupKey and the "username" the DeviceKey (JS ``getDeviceResponse``).
The state lives in ``auth_sessions`` like every step; the verifier step is named by its
SECRET_BLOCK, also returned as its ``Session``.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from typing import Any

from ...errors import NotAuthorizedException, ResourceNotFoundException
from ...protocol.srp import (
    SERVER_PRIVATE_VALUE_BYTES,
    SrpError,
    server_public_b,
    server_session_key,
    verify_password_claim,
)
from ..ops import OpContext
from . import auth, devices, sessions, srp_verifier, tokens
from .failures import committed_on_error
from .records import ClientRecord, load_pool
from .users import UserRecord

DEVICE_SRP_AUTH = devices.DEVICE_SRP_AUTH
DEVICE_PASSWORD_VERIFIER = "DEVICE_PASSWORD_VERIFIER"
WRONG_SECRET = "Incorrect username or password."


def presented_key(
    ctx: OpContext, step: sessions.AuthSession, responses: Mapping[str, Any]
) -> str | None:
    """The device of a PASSWORD_VERIFIER answer (its DEVICE_KEY, else InitiateAuth's).

    A DEVICE_KEY in the answer is checked here, before the SRP step is spent: the JS SDK
    answers "Device does not exist." (ResourceNotFoundException) by sending the very same
    request again with ``"DEVICE_KEY": null``, which must then succeed. (A key carried from
    InitiateAuth is checked after the password, so it can't tell who exists.)
    """
    given = responses.get("DEVICE_KEY")
    if isinstance(given, str) and given:
        pool = load_pool(ctx.conn, step.pool_id)
        owner = devices.find(ctx, pool.id, given)
        mine = owner is not None and owner.username_key == step.username_key
        if devices.tracking_enabled(pool) and not (mine and owner and owner.verifier):
            raise ResourceNotFoundException(devices.NOT_FOUND)
    return devices.step_key(step.state, responses)


def _same(given: str, expected: Any) -> bool:
    return isinstance(expected, str) and hmac.compare_digest(given.encode(), expected.encode())


def _step_device(
    ctx: OpContext, step: sessions.AuthSession, user: UserRecord, given: str
) -> devices.DeviceRecord:
    """The device of the step; DEVICE_KEY must be the one the step was opened for."""
    if not _same(given, step.state.get("device_key")):
        raise NotAuthorizedException(WRONG_SECRET)
    return devices.user_device(ctx, user, given)


def answer_auth(
    ctx: OpContext, client: ClientRecord, responses: Mapping[str, Any], token: str | None
) -> dict[str, Any]:
    """DEVICE_SRP_AUTH: the device's SRP_A -> DEVICE_PASSWORD_VERIFIER with B and its salt."""
    username = auth.require_param(responses, "USERNAME")
    device_key = auth.require_param(responses, "DEVICE_KEY")
    big_a = srp_verifier.parse_srp_a(auth.require_param(responses, "SRP_A"))
    auth.check_secret_hash(client, username, responses.get("SECRET_HASH"))
    step = sessions.find_session(ctx, client, token, (DEVICE_SRP_AUTH,))
    pool = load_pool(ctx.conn, step.pool_id)
    user = sessions.session_user(ctx, pool, step, username)
    device = _step_device(ctx, step, user, device_key)
    sessions.spend(ctx, step)
    return _verifier_challenge(ctx, client, user, device, big_a, bool(step.state.get("bypass")))


def _verifier_challenge(
    ctx: OpContext,
    client: ClientRecord,
    user: UserRecord,
    device: devices.DeviceRecord,
    big_a: int,
    bypass: bool,
) -> dict[str, Any]:
    small_b = int.from_bytes(ctx.random_bytes(SERVER_PRIVATE_VALUE_BYTES), "big")
    big_b = format(server_public_b(int(device.verifier or "0", 16), small_b), "x")
    state: dict[str, Any] = {"b": format(small_b, "x"), "A": format(big_a, "x"), "B": big_b}
    state.update(device_key=device.device_key, bypass=bypass)
    secret_block = sessions.new_token(ctx)
    sessions.open_session(
        ctx, client, user.username_key, DEVICE_PASSWORD_VERIFIER, state, secret_block
    )
    parameters = {
        "DEVICE_KEY": device.device_key,
        "SALT": device.salt or "",
        "SECRET_BLOCK": secret_block,
        "SRP_B": big_b,
        "USERNAME": user.username,
    }
    return {
        "ChallengeName": DEVICE_PASSWORD_VERIFIER,
        "Session": secret_block,
        "ChallengeParameters": parameters,
    }


def _claim_is_valid(
    device: devices.DeviceRecord, state: Mapping[str, Any], responses: Mapping[str, Any]
) -> bool:
    """Recompute the device's SRP key and check the claim signature in constant time."""
    try:
        big_values = (int(state["A"], 16), int(state["B"], 16), int(state["b"], 16))
        key = server_session_key(*big_values, int(device.verifier or "0", 16))
    except SrpError:
        return False
    return verify_password_claim(
        key,
        device.group_key,
        device.device_key,
        responses["PASSWORD_CLAIM_SECRET_BLOCK"],
        responses["TIMESTAMP"],
        responses["PASSWORD_CLAIM_SIGNATURE"],
    )


def answer_verifier(
    ctx: OpContext, client: ClientRecord, responses: Mapping[str, Any], token: str | None
) -> dict[str, Any]:
    """DEVICE_PASSWORD_VERIFIER: check the device's claim -> tokens bound to the device."""
    username, secret_block = srp_verifier.required_responses(responses)
    device_key = auth.require_param(responses, "DEVICE_KEY")
    srp_verifier.check_session_param(secret_block, token)
    step = sessions.find_session(ctx, client, secret_block, (DEVICE_PASSWORD_VERIFIER,))
    sessions.spend(ctx, step)
    # From here on the step is spent: whatever fails, that must stick.
    with committed_on_error(ctx):
        auth.check_secret_hash(client, username, responses.get("SECRET_HASH"))
        srp_verifier.check_timestamp(responses["TIMESTAMP"])
        pool = load_pool(ctx.conn, step.pool_id)
        user = sessions.session_user(ctx, pool, step, username)
        device = _step_device(ctx, step, user, device_key)
        if not _claim_is_valid(device, step.state, responses):
            raise NotAuthorizedException(WRONG_SECRET)
        devices.authenticated(ctx, device, trust=not step.state.get("bypass"))
        result = tokens.sign_in(ctx, pool, client, user, device_key=device.device_key)
        return {"ChallengeParameters": {}, "AuthenticationResult": result}
