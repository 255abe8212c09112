"""Remembered devices: the pool's DeviceConfiguration, the ``devices`` table, the wire shapes.

The life of a device, as on Cognito::

    sign-in without DEVICE_KEY, pool tracks devices -> tokens + NewDeviceMetadata
        {DeviceKey "<region>_<uuid>", DeviceGroupKey "-<random>"}: a row without verifier
    ConfirmDevice {salt, SRP verifier of the device's random password}
        -> remembered at once (UserConfirmationNecessary false), or, when the pool asks
           the user first (DeviceOnlyRememberedOnUserPrompt), not_remembered until
           UpdateDeviceStatus remembered (UserConfirmationNecessary true)
    sign-in with DEVICE_KEY -> ... -> DEVICE_SRP_AUTH -> DEVICE_PASSWORD_VERIFIER -> tokens
        (:mod:`.device_srp`); a remembered, trusted device skips MFA when the pool says so
        (ChallengeRequiredOnNewDevice)
    ForgetDevice deletes the row; GlobalSignOut clears ``trusted``: MFA again, once.

Only the salt and verifier are stored: the device's password stays on the device, and the
server checks it with the same SRP maths as a user's password (the group key plays the pool
name, the device key the username). A device without verifier is invisible to every device
operation and to sign-in ("Device does not exist."). This module is sign-in's side; the device
operations' rules are in :mod:`.device_management`.
"""

from __future__ import annotations

import hmac
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ...errors import NotAuthorizedException, ResourceNotFoundException
from ..ops import OpContext
from ..store.schema import auth_sessions, devices
from . import sessions, tokens
from .records import ClientRecord, PoolRecord
from .users import UserRecord

NOT_FOUND = "Device does not exist."
INVALID_REFRESH = "Invalid Refresh Token"
REMEMBERED, NOT_REMEMBERED = "remembered", "not_remembered"
DEVICE_SRP_AUTH = "DEVICE_SRP_AUTH"
_GROUP_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
_GROUP_LENGTH = 9
_SETTINGS = ("ChallengeRequiredOnNewDevice", "DeviceOnlyRememberedOnUserPrompt")


@dataclass(frozen=True)
class DeviceRecord:
    """One row of ``devices``."""

    device_key: str
    pool_id: str
    username_key: str
    group_key: str
    salt: str | None
    verifier: str | None
    name: str | None
    remembered: bool
    trusted: bool
    last_ip: str | None
    created_at: float
    updated_at: float
    last_authenticated_at: float | None


# -- the pool's settings ------------------------------------------------------------------------


def _configuration(pool: PoolRecord) -> Mapping[str, Any]:
    return pool.config.get("DeviceConfiguration") or {}


def tracking_enabled(pool: PoolRecord) -> bool:
    """Whether the pool tracks devices: any DeviceConfiguration member given turns it on."""
    config = _configuration(pool)
    return any(config.get(name) is not None for name in _SETTINGS)


def asks_user(pool: PoolRecord) -> bool:
    """DeviceOnlyRememberedOnUserPrompt: ConfirmDevice leaves the device not remembered."""
    return bool(_configuration(pool).get("DeviceOnlyRememberedOnUserPrompt"))


def can_skip_mfa(pool: PoolRecord, device: DeviceRecord) -> bool:
    """A remembered, trusted device signs in with device SRP instead of MFA when the pool's
    ChallengeRequiredOnNewDevice is on (MFA is then only for devices not remembered)."""
    on = bool(_configuration(pool).get("ChallengeRequiredOnNewDevice"))
    return on and device.remembered and device.trusted


# -- lookups ------------------------------------------------------------------------------------


def find(ctx: OpContext, pool_id: str, device_key: str) -> DeviceRecord | None:
    """The row of ``device_key`` in the pool (confirmed or not), or None."""
    row = (
        ctx.conn.execute(
            sa.select(devices).where(
                devices.c.pool_id == pool_id, devices.c.device_key == device_key
            )
        )
        .mappings()
        .first()
    )
    return None if row is None else DeviceRecord(**row)


def user_device(ctx: OpContext, user: UserRecord, device_key: str) -> DeviceRecord:
    """The user's confirmed device ``device_key``; ResourceNotFoundException otherwise."""
    device = find(ctx, user.pool_id, device_key)
    if device is None or device.username_key != user.username_key or device.verifier is None:
        raise ResourceNotFoundException(NOT_FOUND)
    return device


def login_device(
    ctx: OpContext, pool: PoolRecord, user: UserRecord, device_key: str | None
) -> DeviceRecord | None:
    """The device a sign-in names with DEVICE_KEY, or None (no key, or a pool that doesn't
    track devices: a stale key left in a client's storage is then ignored)."""
    if not device_key or not tracking_enabled(pool):
        return None
    return user_device(ctx, user, device_key)


# -- sign-in ------------------------------------------------------------------------------------


def _new_device_key(ctx: OpContext) -> str:
    return f"{ctx.config.region}_{uuid.UUID(bytes=ctx.random_bytes(16), version=4)}"


def _new_group_key(ctx: OpContext) -> str:
    # Looks like Cognito's ("-" and nine letters or digits); it needn't be secret.
    letters = (
        _GROUP_ALPHABET[byte % len(_GROUP_ALPHABET)] for byte in ctx.random_bytes(_GROUP_LENGTH)
    )
    return "-" + "".join(letters)


def _client_ip(ctx: OpContext) -> str | None:
    """The caller's address as a proxy in front of the server reports it, if one does."""
    forwarded = ctx.headers.get("x-forwarded-for", "").split(",")[0].strip()
    return forwarded[:64] or None


def register(ctx: OpContext, user: UserRecord) -> dict[str, str]:
    """A new, unconfirmed device for ``user``: the ``NewDeviceMetadata`` of a sign-in."""
    key, group = _new_device_key(ctx), _new_group_key(ctx)
    ctx.conn.execute(
        devices.insert().values(
            device_key=key,
            pool_id=user.pool_id,
            username_key=user.username_key,
            group_key=group,
            remembered=False,
            trusted=False,
            last_ip=_client_ip(ctx),
            created_at=ctx.now,
            updated_at=ctx.now,
            last_authenticated_at=ctx.now,
        )
    )
    return {"DeviceKey": key, "DeviceGroupKey": group}


def sign_in_tokens(
    ctx: OpContext, pool: PoolRecord, client: ClientRecord, user: UserRecord
) -> dict[str, Any]:
    """``AuthenticationResult`` of a sign-in that used no device: on a tracking pool with
    ``NewDeviceMetadata``, and the tokens carry the new device's key."""
    if not tracking_enabled(pool):
        return tokens.sign_in(ctx, pool, client, user)
    metadata = register(ctx, user)
    result = tokens.sign_in(ctx, pool, client, user, device_key=metadata["DeviceKey"])
    return {**result, "NewDeviceMetadata": metadata}


def open_challenge(
    ctx: OpContext,
    client: ClientRecord,
    user: UserRecord,
    device: DeviceRecord,
    bypass: bool,
    reuse: str | None = None,
) -> dict[str, Any]:
    """The DEVICE_SRP_AUTH step. ``bypass``: the device is skipping MFA (else MFA, if any, is
    already done, and a correct device answer makes the device trusted again). ``reuse``: the
    spent MFA step's ``Session``, which then names this step too (see :func:`_rearm`)."""
    state = {"device_key": device.device_key, "bypass": bypass}
    if reuse is not None:
        session = _rearm(ctx, client, reuse, state)
    else:
        session = sessions.open_session(ctx, client, user.username_key, DEVICE_SRP_AUTH, state)
    return {"ChallengeName": DEVICE_SRP_AUTH, "Session": session, "ChallengeParameters": {}}


def _rearm(ctx: OpContext, client: ClientRecord, token: str, state: dict[str, Any]) -> str:
    """Let the MFA step's ``Session`` (spent by this request) name the DEVICE_SRP_AUTH step.

    The JS SDK's ``sendMFACode`` answers DEVICE_SRP_AUTH with the Session it already had, not the
    one returned (its quirk 7), and devices that are known but not remembered always take that
    path. The token stays single use per step: the MFA answer can't be replayed with it.
    """
    ctx.conn.execute(
        auth_sessions.update()
        .where(auth_sessions.c.id_hash == sessions.session_hash(token))
        .values(
            challenge=DEVICE_SRP_AUTH,
            state=state,
            consumed=False,
            expires_at=ctx.now + sessions.session_seconds(client),
        )
    )
    return token


def step_key(state: Mapping[str, Any], responses: Mapping[str, Any]) -> str | None:
    """The device of a login step: the DEVICE_KEY of the answer, else the one carried over
    from the password step. ``"DEVICE_KEY": null`` (the JS SDK's retry) means no device."""
    if "DEVICE_KEY" in responses:
        value = responses["DEVICE_KEY"]
        return value if isinstance(value, str) and value else None
    carried = state.get("device_key")
    return carried if isinstance(carried, str) else None


def carried_state(device_key: str | None) -> dict[str, str]:
    """What an MFA step keeps of the device a sign-in named (nothing when none)."""
    return {"device_key": device_key} if device_key else {}


def authenticated(ctx: OpContext, device: DeviceRecord, trust: bool) -> None:
    """A correct device answer: note the time and address; ``trust`` after a full sign-in."""
    values: dict[str, Any] = {"last_authenticated_at": ctx.now, "updated_at": ctx.now}
    ip = _client_ip(ctx)
    if ip is not None:
        values["last_ip"] = ip
    if trust:
        values["trusted"] = True
    update(ctx, device, **values)


def check_refresh(ctx: OpContext, row: Any, given: Any) -> None:
    """REFRESH_TOKEN_AUTH for a refresh token issued to a device: once that device is
    confirmed, the refresh must name it with DEVICE_KEY; naming another device never works.

    Raises:
        NotAuthorizedException: "Invalid Refresh Token".
    """
    bound = row.device_key
    if bound is None:
        return
    if isinstance(given, str) and given:
        if not _same(given, bound):
            raise NotAuthorizedException(INVALID_REFRESH)
        return
    device = find(ctx, row.pool_id, bound)
    if device is not None and device.verifier is not None:
        raise NotAuthorizedException(INVALID_REFRESH)


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode(), b.encode())


def distrust_all(ctx: OpContext, user: UserRecord) -> None:
    """After a global sign-out the user's remembered devices ask for MFA again (once)."""
    ctx.conn.execute(
        devices.update()
        .where(devices.c.pool_id == user.pool_id, devices.c.username_key == user.username_key)
        .values(trusted=False)
    )


def update(ctx: OpContext, device: DeviceRecord, **values: Any) -> None:
    ctx.conn.execute(
        devices.update().where(devices.c.device_key == device.device_key).values(**values)
    )
