"""The OFFICIAL amazon-cognito-identity-js, end to end against our live server.

tests/interop/js/login.js runs twice: sign-up (then this test reads the code from
GET /_local/messages), then confirmation, SRP login, wrong password, USER_PASSWORD_AUTH,
getSession, getUserAttributes and refreshSession. Node prints every step's outcome as JSON.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

import pytest

from tests.conftest import STRONG_PASSWORD, PoolIds, latest_code

pytestmark = pytest.mark.node


def _step(result: dict[str, Any], name: str) -> dict[str, Any]:
    step = result[name]
    assert step["ok"], f"{name} failed: {step}"
    return step


def _failed_with(result: dict[str, Any], name: str, code: str) -> dict[str, Any]:
    step = result[name]
    assert not step["ok"], f"{name} should have failed with {code}: {step}"
    assert step["code"] == code, f"{name}: {step}"
    return step


def _wrong_code(code: str) -> str:
    return "".join(str((int(c) + 1) % 10) if c.isdigit() else c for c in code)


def _check_session(
    step: dict[str, Any], pool: PoolIds, username: str, email: str, user_sub: str
) -> None:
    now = time.time()
    issuer = pool.endpoint.rstrip("/") + "/" + pool.user_pool_id
    assert step["valid"] is True

    id_payload = step["idPayload"]
    assert id_payload["token_use"] == "id"
    assert id_payload["cognito:username"] == username
    assert id_payload["sub"] == user_sub
    assert id_payload["aud"] == pool.client_id
    assert id_payload["iss"] == issuer
    assert id_payload["email"] == email
    assert id_payload["email_verified"] is True
    assert id_payload["iat"] <= now + 5 < id_payload["exp"]
    assert id_payload["auth_time"] <= id_payload["iat"]

    access_payload = step["accessPayload"]
    assert access_payload["token_use"] == "access"
    assert access_payload["username"] == username
    assert access_payload["sub"] == user_sub
    assert access_payload["client_id"] == pool.client_id
    assert access_payload["iss"] == issuer
    assert "aws.cognito.signin.user.admin" in access_payload["scope"].split()
    assert access_payload["iat"] <= now + 5 < access_payload["exp"]

    assert step["idToken"].count(".") == 2
    assert step["accessToken"].count(".") == 2
    assert step["refreshToken"]
    # The library derives its clock drift from the id token's iat; our clock is the real one.
    assert abs(step["clockDrift"]) <= 5


def test_js_sdk_sign_up_confirm_and_log_in(run_node: Any, pool: PoolIds) -> None:
    username = f"js-üser-{secrets.token_hex(4)}"
    email = f"{username.replace('ü', 'u')}@example.com"
    common = {
        "endpoint": pool.endpoint,
        "userPoolId": pool.user_pool_id,
        "clientId": pool.client_id,
        "username": username,
        "password": STRONG_PASSWORD,
        "email": email,
    }

    signed_up = run_node("login.js", {"action": "signup", **common})
    sign_up = _step(signed_up, "signUp")
    assert sign_up["username"] == username
    assert sign_up["userConfirmed"] is False
    assert sign_up["userSub"]
    delivery = sign_up["codeDeliveryDetails"]
    assert delivery["DeliveryMedium"] == "EMAIL"
    assert delivery["AttributeName"] == "email"
    assert delivery["Destination"] != email  # masked, like Cognito's "j***@e***"
    _failed_with(signed_up, "signUpAgain", "UsernameExistsException")
    _failed_with(signed_up, "loginUnconfirmed", "UserNotConfirmedException")

    code = latest_code(pool.endpoint, pool.user_pool_id, username)
    logged_in = run_node(
        "login.js", {"action": "login", "code": code, "wrongCode": _wrong_code(code), **common}
    )

    _failed_with(logged_in, "confirmWrongCode", "CodeMismatchException")
    assert _step(logged_in, "confirm")["result"] == "SUCCESS"

    srp = _step(logged_in, "srp")
    assert srp["userConfirmationNecessary"] is False
    # After SRP the library keeps the server's USER_ID_FOR_SRP as its username.
    assert srp["username"] == username
    _check_session(srp, pool, username, email, sign_up["userSub"])

    wrong = _failed_with(logged_in, "srpWrongPassword", "NotAuthorizedException")
    assert wrong["message"] == "Incorrect username or password."
    unknown = _failed_with(logged_in, "srpUnknownUser", "UserNotFoundException")
    assert unknown["message"] == "User does not exist."

    plain = _step(logged_in, "userPassword")
    _check_session(plain, pool, username, email, sign_up["userSub"])
    wrong_plain = _failed_with(logged_in, "userPasswordWrong", "NotAuthorizedException")
    assert wrong_plain["message"] == "Incorrect username or password."

    current = _step(logged_in, "currentUser")
    assert current["username"] == username
    session = _step(logged_in, "getSession")
    assert session["idToken"] == plain["idToken"]  # from the cache of the last login
    _check_session(session, pool, username, email, sign_up["userSub"])

    attributes = _step(logged_in, "getUserAttributes")["attributes"]
    assert attributes["email"] == email
    assert attributes["email_verified"] == "true"
    assert attributes["sub"] == sign_up["userSub"]

    refreshed = _step(logged_in, "refreshSession")
    _check_session(refreshed, pool, username, email, sign_up["userSub"])
    # REFRESH_TOKEN_AUTH returns no new refresh token; the library keeps the one it sent.
    assert refreshed["refreshToken"] == plain["refreshToken"]
    assert refreshed["idPayload"]["auth_time"] == plain["idPayload"]["auth_time"]
    assert refreshed["idPayload"]["jti"] != plain["idPayload"]["jti"]
    assert refreshed["accessToken"] != plain["accessToken"]
    again = _step(logged_in, "getSessionAfterRefresh")
    assert again["idToken"] == refreshed["idToken"]
    assert again["accessToken"] == refreshed["accessToken"]
