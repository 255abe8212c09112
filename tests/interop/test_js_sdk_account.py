"""The OFFICIAL amazon-cognito-identity-js through the account operations, against our server.

tests/interop/js/account.js runs three times (the codes are read from GET /_local/messages in
between): forgotPassword; confirmPassword, updateAttributes, changePassword, globalSignOut;
verifyAttribute, deleteAttributes, deleteUser.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import STRONG_PASSWORD, PoolIds, latest_code
from tests.server.helpers import confirmed_user

pytestmark = pytest.mark.node


def _ok(result: dict[str, Any], name: str) -> Any:
    step = result[name]
    assert step["ok"], f"{name} failed: {step}"
    return step.get("value")


def _failed(result: dict[str, Any], name: str) -> tuple[str, str]:
    step = result[name]
    assert not step["ok"], f"{name} should have failed: {step}"
    return step["code"], step["message"]


def test_js_sdk_account_operations(run_node: Any, boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    common = {
        "endpoint": pool.endpoint,
        "userPoolId": pool.user_pool_id,
        "clientId": pool.client_id,
        "username": "alice",
        "password": STRONG_PASSWORD,
        "newPassword": "N3w-Passw0rd!",
        "thirdPassword": "Th1rd-Passw0rd!",
        "newEmail": "liddell@example.org",
    }
    forgot = run_node("account.js", {"action": "forgot", **common})
    assert _ok(forgot, "forgotPassword")["CodeDeliveryDetails"]["Destination"] == "a***@e***"

    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    reset = run_node("account.js", {"action": "reset", "code": code, **common})
    assert _failed(reset, "confirmWrongCode")[0] == "CodeMismatchException"
    assert _ok(reset, "confirmPassword") == "SUCCESS"
    assert _failed(reset, "oldPassword") == (
        "NotAuthorizedException",
        "Incorrect username or password.",
    )
    _ok(reset, "signIn")
    update = reset["updateAttributes"]
    assert update["ok"] and update["value"] == "SUCCESS", update
    assert update["result"]["CodeDeliveryDetailsList"][0]["Destination"] == "l***@e***"
    attributes = reset["attributesAfterUpdate"]["attributes"]
    assert attributes["name"] == "Alice Liddell"
    assert (attributes["email"], attributes["email_verified"]) == ("liddell@example.org", "false")
    assert _ok(reset, "changePassword") == "SUCCESS"
    assert _ok(reset, "globalSignOut") == "SUCCESS"
    assert _failed(reset, "attributesAfterSignOut") == (
        "NotAuthorizedException",
        "Access Token has been revoked",
    )

    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    verify = run_node("account.js", {"action": "verify", "code": code, **common})
    _ok(verify, "signIn")
    assert _ok(verify, "verifyAttribute") == "SUCCESS"
    _ok(verify, "deleteAttributes")
    attributes = verify["attributes"]["attributes"]
    assert attributes["email_verified"] == "true" and "name" not in attributes
    _ok(verify, "deleteUser")
    assert _failed(verify, "signInDeleted")[0] == "UserNotFoundException"
