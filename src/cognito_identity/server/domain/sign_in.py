"""What follows a correct password: NEW_PASSWORD_REQUIRED, a second factor, or tokens.

::

    password ok -> FORCE_CHANGE_PASSWORD? -> NEW_PASSWORD_REQUIRED -> (new password set)
                -> MFA? (pool mode, user's factors) -> SMS_MFA | SOFTWARE_TOKEN_MFA | EMAIL_OTP
                                                      | SELECT_MFA_TYPE | MFA_SETUP
                -> DEVICE_KEY given? -> DEVICE_SRP_AUTH (a remembered device may come before
                                        MFA and replace it: see :mod:`.devices`)
                -> tokens (+ NewDeviceMetadata when the pool tracks devices)

Each challenge opens a step in ``auth_sessions`` (:mod:`.sessions`) and hands its ``Session``
to the client; the answers are checked in :mod:`.mfa_answers` and :mod:`.new_password`, which
come back here for the step after. SMS and email codes go to the outbox and live as long as
the step (the client's AuthSessionValidity, 3 minutes by default).
"""

from __future__ import annotations

import json
from typing import Any

from ...errors import NotAuthorizedException
from ..ops import OpContext
from . import (
    attributes,
    codes,
    devices,
    mfa,
    mfa_config,
    outbox,
    sessions,
    software_tokens,
    trigger_events,
    users,
)
from .delivery import Channel, mask
from .records import ClientRecord, PoolRecord

FORCE_CHANGE_PASSWORD = "FORCE_CHANGE_PASSWORD"
NEW_PASSWORD_REQUIRED = "NEW_PASSWORD_REQUIRED"
TEMPORARY_PASSWORD_EXPIRED = "Temporary password has expired and must be reset by an administrator."
DEFAULT_TEMPORARY_DAYS = 7
MFA_MESSAGE = "Your authentication code is {####}. "
MFA_OUTBOX_KIND = "mfa"
_MEDIUM = {mfa_config.SMS_MFA: "SMS", mfa_config.EMAIL_OTP: "EMAIL"}
# Attributes the NEW_PASSWORD_REQUIRED challenge doesn't show: the id and what only the
# server may write (a client sending them back would be refused).
_HIDDEN = frozenset({"sub", "email_verified", "phone_number_verified"})


def code_purpose(factor: str) -> str:
    """The ``codes.purpose`` of an SMS or email sign-in code."""
    return f"mfa:{factor}"


def tokens_result(
    ctx: OpContext,
    pool: PoolRecord,
    client: ClientRecord,
    user: users.UserRecord,
    device_key: str | None = None,
    mfa_session: str | None = None,
) -> dict[str, Any]:
    """The final answer of a sign-in: ``AuthenticationResult`` with a new refresh token (and
    NewDeviceMetadata when the pool tracks devices). A sign-in from a known device (DEVICE_KEY)
    proves the device first: DEVICE_SRP_AUTH (:mod:`.device_srp`), named by the answered MFA
    step's ``mfa_session`` when there was one (as the JS SDK expects)."""
    device = devices.login_device(ctx, pool, user, device_key)
    if device is not None:
        return devices.open_challenge(ctx, client, user, device, False, mfa_session)
    return {
        "ChallengeParameters": {},
        "AuthenticationResult": devices.sign_in_tokens(ctx, pool, client, user),
    }


def challenge(
    ctx: OpContext,
    client: ClientRecord,
    user: users.UserRecord,
    name: str,
    parameters: dict[str, str],
    state: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Open a step waiting for ``name``'s answer; the InitiateAuth/RespondToAuthChallenge body."""
    session = sessions.open_session(ctx, client, user.username_key, name, state or {})
    return {"ChallengeName": name, "Session": session, "ChallengeParameters": parameters}


def next_step(
    ctx: OpContext,
    pool: PoolRecord,
    client: ClientRecord,
    user: users.UserRecord,
    device_key: str | None = None,
) -> dict[str, Any]:
    """After a correct password (the user's state already checked)."""
    if user.status == FORCE_CHANGE_PASSWORD:
        check_temporary_password(ctx, pool, user)
        return new_password_challenge(ctx, pool, client, user)
    return second_factor(ctx, pool, client, user, device_key)


def second_factor(
    ctx: OpContext,
    pool: PoolRecord,
    client: ClientRecord,
    user: users.UserRecord,
    device_key: str | None = None,
) -> dict[str, Any]:
    """The MFA challenge the pool and the user call for, or tokens. A remembered device may
    take the place of MFA (:func:`.devices.can_skip_mfa`)."""
    device = devices.login_device(ctx, pool, user, device_key)
    if device is not None and devices.can_skip_mfa(pool, device):
        return devices.open_challenge(ctx, client, user, device, bypass=True)
    step = mfa.next_step(mfa_config.mfa_mode(pool), mfa_config.pool_factors(ctx, pool), user)
    if step is None:
        return tokens_result(ctx, pool, client, user, device_key)
    return mfa_challenge(ctx, pool, client, user, step, device_key)


def mfa_challenge(
    ctx: OpContext,
    pool: PoolRecord,
    client: ClientRecord,
    user: users.UserRecord,
    step: mfa.MfaStep,
    device_key: str | None = None,
) -> dict[str, Any]:
    """Open one MFA step: send the code (SMS, email), or list the choices. The step keeps
    the sign-in's device, whose DEVICE_SRP_AUTH follows a correct answer."""
    name = step.challenge
    carried = devices.carried_state(device_key)
    if name in _MEDIUM:
        params = send_code(ctx, pool, client, user, name)
        return challenge(ctx, client, user, name, params, carried)
    if name == mfa_config.SOFTWARE_TOKEN_MFA:
        return challenge(ctx, client, user, name, _totp_parameters(ctx, user), carried)
    if name == mfa.SELECT_MFA_TYPE:
        params = {"MFAS_CAN_CHOOSE": json.dumps(list(step.choices), separators=(",", ":"))}
        state = {"choices": list(step.choices), **carried}
        return challenge(ctx, client, user, name, params, state)
    params = {"MFAS_CAN_SETUP": json.dumps(list(step.choices), separators=(",", ":"))}
    return challenge(ctx, client, user, mfa.MFA_SETUP, params, {"stage": "challenge"})


def _totp_parameters(ctx: OpContext, user: users.UserRecord) -> dict[str, str]:
    token = software_tokens.find(ctx, user)
    name = None if token is None else token.friendly_name
    return {"FRIENDLY_DEVICE_NAME": name} if name else {}


def _template(ctx: OpContext, pool: PoolRecord, factor: str) -> str:
    if factor == mfa_config.EMAIL_OTP:
        email = mfa_config.pool_factors(ctx, pool).email or {}
        return str(email.get("Message") or MFA_MESSAGE)
    return str(pool.config.get("SmsAuthenticationMessage") or MFA_MESSAGE)


def send_code(
    ctx: OpContext, pool: PoolRecord, client: ClientRecord, user: users.UserRecord, factor: str
) -> dict[str, str]:
    """A new sign-in code by SMS or email, valid as long as the step; the challenge parameters."""
    attribute = mfa.DELIVERY_ATTRIBUTE[factor]
    channel = Channel(attribute, _MEDIUM[factor], user.attributes[attribute])
    ttl = sessions.session_seconds(client)
    code = codes.issue(ctx, pool.id, user.username_key, code_purpose(factor), ttl)
    template = trigger_events.custom_message(
        ctx, pool, user, channel.medium, _template(ctx, pool, factor)
    )
    message = outbox.render(template, code)
    outbox.send(
        ctx,
        pool.id,
        user.username,
        channel.destination,
        channel.medium,
        MFA_OUTBOX_KIND,
        code,
        message,
    )
    return {
        "CODE_DELIVERY_DELIVERY_MEDIUM": channel.medium,
        "CODE_DELIVERY_DESTINATION": mask(channel),
    }


def temporary_password_expires_at(pool: PoolRecord, user: users.UserRecord) -> float:
    """When the temporary password of a FORCE_CHANGE_PASSWORD user stops working."""
    policy = (pool.config.get("Policies") or {}).get("PasswordPolicy") or {}
    days = int(policy.get("TemporaryPasswordValidityDays") or DEFAULT_TEMPORARY_DAYS)
    return (user.password_set_at or user.created_at) + days * 86400.0


def check_temporary_password(ctx: OpContext, pool: PoolRecord, user: users.UserRecord) -> None:
    """NotAuthorizedException once the temporary password has expired."""
    if temporary_password_expires_at(pool, user) <= ctx.now:
        raise NotAuthorizedException(TEMPORARY_PASSWORD_EXPIRED)


def required_attributes(pool: PoolRecord, user: users.UserRecord) -> list[str]:
    """The pool's required attributes the user has no value for, as ``userAttributes.<name>``."""
    required = [
        str(attr["Name"])
        for attr in pool.config.get("SchemaAttributes") or []
        if attr.get("Required") and attr.get("Name") != "sub"
    ]
    return [f"userAttributes.{name}" for name in required if not user.attributes.get(name)]


def new_password_challenge(
    ctx: OpContext, pool: PoolRecord, client: ClientRecord, user: users.UserRecord
) -> dict[str, Any]:
    """NEW_PASSWORD_REQUIRED, with the user's attributes (those the client may read) and
    those still required."""
    readable = attributes.readable(client, user.attributes)
    shown = {k: v for k, v in readable.items() if k not in _HIDDEN}
    params = {
        "USER_ID_FOR_SRP": user.username,
        "requiredAttributes": json.dumps(required_attributes(pool, user)),
        "userAttributes": json.dumps(shown),
    }
    return challenge(ctx, client, user, NEW_PASSWORD_REQUIRED, params)
