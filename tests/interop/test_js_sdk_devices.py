"""The OFFICIAL amazon-cognito-identity-js remembers a device on the local server.

tests/interop/js/devices.js signs in with SMS MFA on a pool that tracks devices and lets the user
choose (DeviceOnlyRememberedOnUserPrompt): the library confirms the new device and reports
``userConfirmationNecessary``; a sign-in before the user chose does MFA and then device SRP;
setDeviceStatusRemembered; a second sign-in goes through
DEVICE_SRP_AUTH and skips MFA; listDevices / getDevice; a device forgotten behind the library's
back exercises its "device not found" retry; forgetDevice. The requests it sent pin the byte
formats of ConfirmDevice and device SRP.
"""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tests.conftest import STRONG_PASSWORD, PoolIds
from tests.server.device_helpers import tracking_pool
from tests.server.mfa_helpers import phone_user

pytestmark = pytest.mark.node


def _requests(traffic: list[dict[str, Any]], operation: str, challenge: str = "") -> list[Any]:
    return [
        entry
        for entry in traffic
        if entry["operation"] == operation
        and (not challenge or entry["request"].get("ChallengeName") == challenge)
    ]


def _run(run_node: Any, boto: Any, pool: PoolIds) -> Any:
    tracking_pool(boto, pool, skip_mfa=True, ask_user=True)
    phone_user(boto, pool, "js-device")
    result = run_node(
        "devices.js",
        {
            "endpoint": pool.endpoint,
            "userPoolId": pool.user_pool_id,
            "clientId": pool.client_id,
            "username": "js-device",
            "password": STRONG_PASSWORD,
        },
    )
    assert "crashed" not in result, result
    return result


def _check_remembers_a_device_and_skips_mfa_with_it(js_run: Any) -> None:
    first, second = js_run["firstSignIn"], js_run["secondSignIn"]
    assert first["ok"] and first["mfaAsked"] and first["userConfirmationNecessary"], first
    not_yet = js_run["notYetRemembered"]
    assert not_yet["ok"] and not_yet["mfaAsked"] and not not_yet["userConfirmationNecessary"]
    assert not_yet["deviceKey"] == first["deviceKey"]
    assert js_run["remember"]["ok"], js_run["remember"]
    assert second["ok"] and second["valid"], second
    assert second["mfaAsked"] is False
    assert second["deviceKey"] == first["deviceKey"]
    traffic = js_run["traffic"]
    assert len(_requests(traffic, "RespondToAuthChallenge", "DEVICE_PASSWORD_VERIFIER")) >= 1


def _check_device_listing(js_run: Any) -> None:
    key = js_run["firstSignIn"]["deviceKey"]
    listed = js_run["listDevices"]
    assert listed["ok"], listed
    assert [device["DeviceKey"] for device in listed["data"]["Devices"]] == [key]
    got = js_run["getDevice"]
    assert got["ok"] and got["data"]["Device"]["DeviceKey"] == key
    names = {item["Name"]: item["Value"] for item in got["data"]["Device"]["DeviceAttributes"]}
    assert names["device_name"] == "nodejs"
    assert names["dev:device_remembered_status"] == "remembered"


def _check_recovers_from_device_not_found_and_forgets(js_run: Any) -> None:
    assert js_run["forgetSpecific"] == {"ok": True, "data": "SUCCESS"}
    third = js_run["thirdSignIn"]
    assert third["ok"] and third["mfaAsked"], third
    assert third["deviceKey"] not in (None, js_run["firstSignIn"]["deviceKey"])
    verifiers = _requests(js_run["traffic"], "RespondToAuthChallenge", "PASSWORD_VERIFIER")
    refused = [entry for entry in verifiers if entry["status"] == 400]
    assert len(refused) == 1
    retry = verifiers[verifiers.index(refused[0]) + 1]
    assert retry["request"]["ChallengeResponses"]["DEVICE_KEY"] is None
    assert retry["status"] == 200
    assert js_run["forgetDevice"] == {"ok": True, "data": "SUCCESS"}
    assert js_run["afterForget"]["data"]["Devices"] == []
    assert js_run["keysAfterForget"] is None


def _check_device_byte_formats(js_run: Any) -> None:
    """ConfirmDevice carries base64 of padHex bytes: a 16-byte salt (17 with the sign byte) and
    a 3072-bit verifier (385 bytes with it); device SRP names the device in both steps."""
    traffic = js_run["traffic"]
    confirms = _requests(traffic, "ConfirmDevice")
    assert len(confirms) == 2 and all(entry["status"] == 200 for entry in confirms)
    for entry in confirms:
        config = entry["request"]["DeviceSecretVerifierConfig"]
        assert len(base64.b64decode(config["Salt"])) in (16, 17)
        assert len(base64.b64decode(config["PasswordVerifier"])) in (384, 385)
        assert entry["request"]["DeviceName"] == "nodejs"
    auth = _requests(traffic, "RespondToAuthChallenge", "DEVICE_SRP_AUTH")[0]["request"]
    assert set(auth["ChallengeResponses"]) == {"USERNAME", "DEVICE_KEY", "SRP_A"}
    assert auth["Session"]
    verifier = _requests(traffic, "RespondToAuthChallenge", "DEVICE_PASSWORD_VERIFIER")[0]
    assert set(verifier["request"]["ChallengeResponses"]) == {
        "USERNAME",
        "PASSWORD_CLAIM_SECRET_BLOCK",
        "TIMESTAMP",
        "PASSWORD_CLAIM_SIGNATURE",
        "DEVICE_KEY",
    }
    assert verifier["status"] == 200


def test_js_sdk_remembered_device(run_node: Any, boto: Any, pool: PoolIds) -> None:
    """One node run (a few seconds), checked step by step."""
    js_run = _run(run_node, boto, pool)
    _check_remembers_a_device_and_skips_mfa_with_it(js_run)
    _check_device_listing(js_run)
    _check_recovers_from_device_not_found_and_forgets(js_run)
    _check_device_byte_formats(js_run)
