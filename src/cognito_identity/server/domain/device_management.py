"""The rules behind the device operations: ConfirmDevice, UpdateDeviceStatus, ForgetDevice,
ListDevices paging and the ``DeviceType`` wire shape (sign-in's side is in :mod:`.devices`).
"""

from __future__ import annotations

import base64
import binascii
from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from ...errors import (
    DeviceKeyExistsException,
    InvalidParameterException,
    ResourceNotFoundException,
)
from ...protocol.srp import N
from ..ops import OpContext
from ..store.schema import devices as table
from . import devices
from .records import PoolRecord
from .users import UserRecord

DEFAULT_LIMIT = 60
_MAX_SALT_BYTES = 64


def _decode(value: Any, what: str) -> bytes:
    try:
        raw = base64.b64decode(str(value or ""), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise InvalidParameterException(f"{what} is not valid base64.") from exc
    if not raw:
        raise InvalidParameterException(f"{what} is required.")
    return raw


def parse_verifier_config(config: Mapping[str, Any] | None) -> tuple[str, str]:
    """DeviceSecretVerifierConfig as stored: (salt hex, verifier hex).

    The client sends base64 of the bytes of padHex(salt) and padHex(g^x mod N) (JS
    ``generateHashDevice``); a verifier outside 1..N-1 can't come from that maths.
    """
    config = config or {}
    salt = _decode(config.get("Salt"), "DeviceSecretVerifierConfig.Salt")
    verifier = int.from_bytes(
        _decode(config.get("PasswordVerifier"), "DeviceSecretVerifierConfig.PasswordVerifier"),
        "big",
    )
    if len(salt) > _MAX_SALT_BYTES or not 0 < verifier < N:
        raise InvalidParameterException("DeviceSecretVerifierConfig is not a valid SRP verifier.")
    return salt.hex(), format(verifier, "x")


def confirm(
    ctx: OpContext,
    pool: PoolRecord,
    user: UserRecord,
    device_key: str,
    config: Mapping[str, Any] | None,
    name: str | None,
) -> bool:
    """ConfirmDevice: store the device's salt and verifier; returns UserConfirmationNecessary."""
    device = devices.find(ctx, user.pool_id, device_key)
    if device is None or device.username_key != user.username_key:
        raise ResourceNotFoundException(devices.NOT_FOUND)
    if device.verifier is not None:
        raise DeviceKeyExistsException("Device already exists.")
    salt, verifier = parse_verifier_config(config)
    ask = devices.asks_user(pool)
    # The confirming sign-in has just passed every challenge: the device starts trusted.
    values = {"salt": salt, "verifier": verifier, "name": name, "remembered": not ask}
    devices.update(ctx, device, **values, trusted=True, updated_at=ctx.now)
    return ask


def set_status(ctx: OpContext, device: devices.DeviceRecord, status: str | None) -> None:
    """UpdateDeviceStatus: ``remembered`` (trusted again) or ``not_remembered``."""
    if status not in (devices.REMEMBERED, devices.NOT_REMEMBERED):
        raise InvalidParameterException(
            "DeviceRememberedStatus must be remembered or not_remembered."
        )
    remembered = status == devices.REMEMBERED
    values: dict[str, Any] = {"remembered": remembered, "updated_at": ctx.now}
    if remembered:
        values["trusted"] = True
    devices.update(ctx, device, **values)


def forget(ctx: OpContext, device: devices.DeviceRecord) -> None:
    """ForgetDevice: the device is gone; signing in with its key fails, MFA applies again."""
    ctx.conn.execute(table.delete().where(table.c.device_key == device.device_key))


def page(
    ctx: OpContext, user: UserRecord, limit: int | None, after: str | None
) -> tuple[list[devices.DeviceRecord], str | None]:
    """The user's confirmed devices in key order, ``limit`` at a time; the token is the last
    key returned (the next page starts after it)."""
    size = limit or DEFAULT_LIMIT
    query = (
        sa.select(table)
        .where(
            table.c.pool_id == user.pool_id,
            table.c.username_key == user.username_key,
            table.c.verifier.is_not(None),
        )
        .order_by(table.c.device_key)
    )
    if after:
        query = query.where(table.c.device_key > after)
    rows = ctx.conn.execute(query.limit(size + 1)).mappings().all()
    found = [devices.DeviceRecord(**row) for row in rows[:size]]
    return found, (found[-1].device_key if len(rows) > size else None)


def device_type(device: devices.DeviceRecord) -> dict[str, Any]:
    """The ``DeviceType`` wire shape."""
    attributes = [{"Name": "device_status", "Value": "valid"}]
    if device.name:
        attributes.append({"Name": "device_name", "Value": device.name})
    status = devices.REMEMBERED if device.remembered else devices.NOT_REMEMBERED
    attributes.append({"Name": "dev:device_remembered_status", "Value": status})
    if device.last_ip:
        attributes.append({"Name": "last_ip_used", "Value": device.last_ip})
    shape: dict[str, Any] = {
        "DeviceKey": device.device_key,
        "DeviceAttributes": attributes,
        "DeviceCreateDate": device.created_at,
        "DeviceLastModifiedDate": device.updated_at,
    }
    if device.last_authenticated_at is not None:
        shape["DeviceLastAuthenticatedDate"] = device.last_authenticated_at
    return shape
