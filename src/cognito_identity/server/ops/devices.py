"""Remembered devices: ConfirmDevice, Get/List/UpdateStatus/Forget and their Admin variants.

The user operations take the signed-in user's access token; the Admin ones name the user by
UserPoolId and Username (or alias). Rules and shapes are in :mod:`..domain.device_management`.
"""

from __future__ import annotations

from ..domain import device_management, devices, tokens, users
from ..domain.records import PoolRecord, load_pool
from . import Body, OpContext, operation


def _token_user(ctx: OpContext, body: Body) -> tuple[PoolRecord, users.UserRecord]:
    """The pool and user of the request's access token (GetDevice/ForgetDevice may omit it,
    which then fails like a bad token)."""
    pool, user, _claims = tokens.authenticate_access_token(ctx, body.get("AccessToken") or "")
    return pool, user


def _admin_user(ctx: OpContext, body: Body) -> users.UserRecord:
    return users.get_user(ctx, load_pool(ctx.conn, body["UserPoolId"]), body["Username"])


def _device(ctx: OpContext, user: users.UserRecord, body: Body) -> Body:
    device = devices.user_device(ctx, user, body["DeviceKey"])
    return {"Device": device_management.device_type(device)}


def _list(ctx: OpContext, user: users.UserRecord, body: Body) -> Body:
    found, token = device_management.page(ctx, user, body.get("Limit"), body.get("PaginationToken"))
    result: Body = {"Devices": [device_management.device_type(device) for device in found]}
    if token is not None:
        result["PaginationToken"] = token
    return result


@operation("ConfirmDevice")
def confirm_device(ctx: OpContext, body: Body) -> Body:
    """Store the salt and verifier of a device NewDeviceMetadata named; UserConfirmationNecessary
    says whether the user must still choose to remember it (UpdateDeviceStatus)."""
    pool, user = _token_user(ctx, body)
    necessary = device_management.confirm(
        ctx,
        pool,
        user,
        body["DeviceKey"],
        body.get("DeviceSecretVerifierConfig"),
        body.get("DeviceName"),
    )
    return {"UserConfirmationNecessary": necessary}


@operation("GetDevice")
def get_device(ctx: OpContext, body: Body) -> Body:
    """One of the signed-in user's devices."""
    _pool, user = _token_user(ctx, body)
    return {
        "Device": device_management.device_type(devices.user_device(ctx, user, body["DeviceKey"]))
    }


@operation("ListDevices")
def list_devices(ctx: OpContext, body: Body) -> Body:
    """The signed-in user's devices, ``Limit`` at a time, then ``PaginationToken``."""
    _pool, user = _token_user(ctx, body)
    return _list(ctx, user, body)


@operation("UpdateDeviceStatus")
def update_device_status(ctx: OpContext, body: Body) -> Body:
    """Mark one of the signed-in user's devices remembered or not_remembered."""
    _pool, user = _token_user(ctx, body)
    device = devices.user_device(ctx, user, body["DeviceKey"])
    device_management.set_status(ctx, device, body.get("DeviceRememberedStatus"))
    return {}


@operation("ForgetDevice")
def forget_device(ctx: OpContext, body: Body) -> Body:
    """Delete one of the signed-in user's devices: MFA applies to it again."""
    _pool, user = _token_user(ctx, body)
    device_management.forget(ctx, devices.user_device(ctx, user, body["DeviceKey"]))
    return {}


@operation("AdminGetDevice")
def admin_get_device(ctx: OpContext, body: Body) -> Body:
    """GetDevice for any user of the pool."""
    user = _admin_user(ctx, body)
    return {
        "Device": device_management.device_type(devices.user_device(ctx, user, body["DeviceKey"]))
    }


@operation("AdminListDevices")
def admin_list_devices(ctx: OpContext, body: Body) -> Body:
    """ListDevices for any user of the pool."""
    return _list(ctx, _admin_user(ctx, body), body)


@operation("AdminUpdateDeviceStatus")
def admin_update_device_status(ctx: OpContext, body: Body) -> Body:
    """UpdateDeviceStatus for any user of the pool."""
    device = devices.user_device(ctx, _admin_user(ctx, body), body["DeviceKey"])
    device_management.set_status(ctx, device, body.get("DeviceRememberedStatus"))
    return {}


@operation("AdminForgetDevice")
def admin_forget_device(ctx: OpContext, body: Body) -> Body:
    """ForgetDevice for any user of the pool."""
    user = _admin_user(ctx, body)
    device_management.forget(ctx, devices.user_device(ctx, user, body["DeviceKey"]))
    return {}
