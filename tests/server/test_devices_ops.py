"""The device operations: ConfirmDevice, Get/List/UpdateStatus/Forget and the Admin variants."""

from __future__ import annotations

import base64
import uuid
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import PoolIds
from .device_helpers import device_config, remember, tracking_pool
from .helpers import confirmed_user, error_of
from .mfa_helpers import start_password


def attributes_of(device: Any) -> dict[str, str]:
    return {item["Name"]: item["Value"] for item in device["DeviceAttributes"]}


def fresh_login(boto: Any, pool: PoolIds, username: str = "alice") -> Any:
    """A sign-in on a tracking pool without MFA: tokens and NewDeviceMetadata."""
    return start_password(boto, pool, username)["AuthenticationResult"]


@pytest.fixture
def alice(boto: Any, pool: PoolIds) -> Any:
    """A confirmed user on a pool that tracks devices and asks no MFA; a first sign-in."""
    tracking_pool(boto, pool, mfa=False)
    confirmed_user(boto, pool, "alice")
    return fresh_login(boto, pool)


def test_get_device_shape(boto: Any, pool: PoolIds, alice: Any) -> None:
    device, _necessary = remember(boto, alice, name="Firefox on Linux")
    got = boto.get_device(AccessToken=alice["AccessToken"], DeviceKey=device.key)["Device"]
    assert got["DeviceKey"] == device.key
    assert attributes_of(got) == {
        "device_status": "valid",
        "device_name": "Firefox on Linux",
        "dev:device_remembered_status": "remembered",
    }
    for field in ("DeviceCreateDate", "DeviceLastModifiedDate", "DeviceLastAuthenticatedDate"):
        assert field in got
    admin = boto.admin_get_device(
        UserPoolId=pool.user_pool_id, Username="alice", DeviceKey=device.key
    )
    assert admin["Device"] == got


def test_last_ip_used_comes_from_the_proxy(boto: Any, pool: PoolIds, alice: Any) -> None:
    def add_header(request: Any, **_kwargs: Any) -> None:
        request.headers["X-Forwarded-For"] = "203.0.113.9, 10.0.0.1"

    boto.meta.events.register("before-sign.cognito-idp.InitiateAuth", add_header)
    result = fresh_login(boto, pool)
    device, _necessary = remember(boto, result)
    got = boto.get_device(AccessToken=result["AccessToken"], DeviceKey=device.key)["Device"]
    assert attributes_of(got)["last_ip_used"] == "203.0.113.9"


def test_list_devices_pages_through_25_devices(boto: Any, pool: PoolIds, alice: Any) -> None:
    keys = {remember(boto, alice)[0].key}
    keys |= {remember(boto, fresh_login(boto, pool))[0].key for _ in range(24)}
    fresh_login(boto, pool)  # a device never confirmed is not listed
    seen: list[str] = []
    token: str | None = None
    pages = []
    while True:
        extra = {"PaginationToken": token} if token else {}
        page = boto.list_devices(AccessToken=alice["AccessToken"], Limit=10, **extra)
        pages.append(len(page["Devices"]))
        seen += [device["DeviceKey"] for device in page["Devices"]]
        token = page.get("PaginationToken")
        if token is None:
            break
    assert pages == [10, 10, 5]
    assert len(seen) == len(set(seen)) and set(seen) == keys
    admin = boto.admin_list_devices(UserPoolId=pool.user_pool_id, Username="alice", Limit=25)
    assert {device["DeviceKey"] for device in admin["Devices"]} == keys
    assert "PaginationToken" not in admin


def test_update_device_status_both_ways(boto: Any, pool: PoolIds, alice: Any) -> None:
    device, _necessary = remember(boto, alice)
    token = alice["AccessToken"]

    def status() -> str:
        got = boto.get_device(AccessToken=token, DeviceKey=device.key)["Device"]
        return attributes_of(got)["dev:device_remembered_status"]

    boto.update_device_status(
        AccessToken=token, DeviceKey=device.key, DeviceRememberedStatus="not_remembered"
    )
    assert status() == "not_remembered"
    boto.admin_update_device_status(
        UserPoolId=pool.user_pool_id,
        Username="alice",
        DeviceKey=device.key,
        DeviceRememberedStatus="remembered",
    )
    assert status() == "remembered"
    with pytest.raises(ClientError) as excinfo:
        boto.update_device_status(AccessToken=token, DeviceKey=device.key)
    assert error_of(excinfo)[0] == "InvalidParameterException"


def test_forget_and_admin_forget(boto: Any, pool: PoolIds, alice: Any) -> None:
    first, _necessary = remember(boto, alice)
    second, _necessary = remember(boto, fresh_login(boto, pool))
    boto.forget_device(AccessToken=alice["AccessToken"], DeviceKey=first.key)
    boto.admin_forget_device(UserPoolId=pool.user_pool_id, Username="alice", DeviceKey=second.key)
    assert boto.list_devices(AccessToken=alice["AccessToken"])["Devices"] == []
    for key in (first.key, second.key):
        with pytest.raises(ClientError) as excinfo:
            boto.get_device(AccessToken=alice["AccessToken"], DeviceKey=key)
        assert error_of(excinfo) == ("ResourceNotFoundException", "Device does not exist.")


def test_confirm_device_errors(boto: Any, pool: PoolIds, alice: Any) -> None:
    metadata = alice["NewDeviceMetadata"]
    key, group = metadata["DeviceKey"], metadata["DeviceGroupKey"]
    _password, good = device_config(group, key)

    def confirm(device_key: str, config: dict[str, str]) -> tuple[str, str]:
        with pytest.raises(ClientError) as excinfo:
            boto.confirm_device(
                AccessToken=alice["AccessToken"],
                DeviceKey=device_key,
                DeviceSecretVerifierConfig=config,
            )
        return error_of(excinfo)

    not_found = ("ResourceNotFoundException", "Device does not exist.")
    assert confirm(f"us-east-1_{uuid.uuid4()}", good) == not_found
    assert confirm(key, {**good, "Salt": "%%%"})[0] == "InvalidParameterException"
    assert confirm(key, {"Salt": good["Salt"]})[0] == "InvalidParameterException"
    too_big = base64.b64encode(b"\xff" * 400).decode()
    assert confirm(key, {**good, "PasswordVerifier": too_big})[0] == "InvalidParameterException"
    boto.confirm_device(
        AccessToken=alice["AccessToken"], DeviceKey=key, DeviceSecretVerifierConfig=good
    )
    assert confirm(key, good)[0] == "DeviceKeyExistsException"


def test_devices_belong_to_their_user(boto: Any, pool: PoolIds, alice: Any) -> None:
    device, _necessary = remember(boto, alice)
    confirmed_user(boto, pool, "bob")
    bob = fresh_login(boto, pool, "bob")
    with pytest.raises(ClientError) as excinfo:
        boto.get_device(AccessToken=bob["AccessToken"], DeviceKey=device.key)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as excinfo:
        boto.admin_forget_device(UserPoolId=pool.user_pool_id, Username="bob", DeviceKey=device.key)
    assert error_of(excinfo)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as excinfo:
        boto.confirm_device(
            AccessToken=bob["AccessToken"],
            DeviceKey=alice["NewDeviceMetadata"]["DeviceKey"],
            DeviceSecretVerifierConfig=device_config("-x", "y")[1],
        )
    assert error_of(excinfo)[0] in ("ResourceNotFoundException", "DeviceKeyExistsException")
    assert boto.list_devices(AccessToken=bob["AccessToken"])["Devices"] == []


def test_device_operations_need_a_valid_token(boto: Any, pool: PoolIds, alice: Any) -> None:
    device, _necessary = remember(boto, alice)
    boto.global_sign_out(AccessToken=alice["AccessToken"])
    with pytest.raises(ClientError) as excinfo:
        boto.list_devices(AccessToken=alice["AccessToken"])
    assert error_of(excinfo)[0] == "NotAuthorizedException"
    with pytest.raises(ClientError) as excinfo:
        boto.get_device(DeviceKey=device.key)
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_deleting_the_user_deletes_the_devices(boto: Any, pool: PoolIds, alice: Any) -> None:
    remember(boto, alice)
    boto.delete_user(AccessToken=alice["AccessToken"])
    confirmed_user(boto, pool, "alice")
    again = fresh_login(boto, pool)
    assert boto.list_devices(AccessToken=again["AccessToken"])["Devices"] == []
