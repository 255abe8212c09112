"""A raw AWS JSON 1.1 client for the reliability tests, with SRP done by the protocol code.

Deliberately not the SDK: the SDK retries 5xx and throttling, which would hide exactly what
these tests look for. Every answer comes back as it is, status and body.
"""

from __future__ import annotations

import json
import secrets
import time
from dataclasses import dataclass
from typing import Any

import httpx

from cognito_identity.protocol.srp import (
    PRIVATE_VALUE_BYTES,
    SrpClient,
    password_claim_signature,
)
from cognito_identity.protocol.timestamp import format_timestamp
from tests.sigv4_client import base_url, signed_headers

TARGET_PREFIX = "AWSCognitoIdentityProviderService."
AMZ_JSON = "application/x-amz-json-1.1"


@dataclass(frozen=True)
class Answer:
    """One HTTP answer: status and parsed JSON body (``{}`` when empty or not JSON)."""

    status: int
    body: dict[str, Any]

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def error_code(self) -> str:
        return str(self.body.get("__type", "")).rsplit("#", 1)[-1]


def post(client: httpx.Client, operation: str, body: dict[str, Any]) -> Answer:
    """POST one Cognito operation and return the answer, whatever its status."""
    headers = {"X-Amz-Target": TARGET_PREFIX + operation, "Content-Type": AMZ_JSON}
    content = json.dumps(body).encode()
    headers = signed_headers(base_url(client), headers, content)
    response = client.post("/", content=content, headers=headers)
    return Answer(response.status_code, parse_json(response.content))


def parse_json(content: bytes) -> dict[str, Any]:
    """The JSON object in ``content``, or ``{}``."""
    try:
        value = json.loads(content) if content else {}
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def is_aws_error(answer: Answer) -> bool:
    """An AWS-shaped error: 4xx/5xx with ``{"__type": str, "message": str}``."""
    body = answer.body
    return (
        answer.status >= 400
        and isinstance(body.get("__type"), str)
        and bool(body["__type"])
        and isinstance(body.get("message", body.get("Message")), str)
    )


def latest_code(client: httpx.Client, pool_id: str, username: str) -> str | None:
    """The newest code the server "sent" to ``username`` (GET /_local/messages)."""
    response = client.get("/_local/messages", params={"pool_id": pool_id, "username": username})
    messages = response.json().get("messages", []) if response.status_code == 200 else []
    return str(messages[0]["code"]) if messages else None


def srp_login(
    client: httpx.Client, pool_id: str, client_id: str, username: str, password: str
) -> tuple[Answer, Answer | None]:
    """USER_SRP_AUTH then PASSWORD_VERIFIER; (InitiateAuth answer, RespondToAuthChallenge's)."""
    srp = SrpClient.from_random_bytes(secrets.token_bytes(PRIVATE_VALUE_BYTES))
    first = post(
        client,
        "InitiateAuth",
        {
            "AuthFlow": "USER_SRP_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"USERNAME": username, "SRP_A": srp.srp_a},
        },
    )
    if not first.ok:
        return first, None
    params = first.body["ChallengeParameters"]
    user_id = params["USER_ID_FOR_SRP"]
    pool_name = pool_id.split("_", 1)[1]
    key = srp.session_key(
        pool_name, user_id, password, int(params["SRP_B"], 16), int(params["SALT"], 16)
    )
    timestamp = format_timestamp(time.time())
    block = params["SECRET_BLOCK"]
    signature = password_claim_signature(key, pool_name, user_id, block, timestamp)
    responses = {
        "USERNAME": user_id,
        "PASSWORD_CLAIM_SECRET_BLOCK": block,
        "TIMESTAMP": timestamp,
        "PASSWORD_CLAIM_SIGNATURE": signature,
    }
    body = {"ChallengeName": "PASSWORD_VERIFIER", "ClientId": client_id}
    body |= {"ChallengeResponses": responses, "Session": first.body.get("Session")}
    return first, post(client, "RespondToAuthChallenge", body)


def refresh(client: httpx.Client, client_id: str, refresh_token: str) -> Answer:
    """REFRESH_TOKEN_AUTH."""
    return post(
        client,
        "InitiateAuth",
        {
            "AuthFlow": "REFRESH_TOKEN_AUTH",
            "ClientId": client_id,
            "AuthParameters": {"REFRESH_TOKEN": refresh_token},
        },
    )


def new_pool(client: httpx.Client, name: str) -> tuple[str, str]:
    """A pool auto-verifying email and a client allowing SRP, password and refresh."""
    pool = post(client, "CreateUserPool", {"PoolName": name, "AutoVerifiedAttributes": ["email"]})
    assert pool.ok, pool
    pool_id = pool.body["UserPool"]["Id"]
    flows = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    app = post(
        client,
        "CreateUserPoolClient",
        {"UserPoolId": pool_id, "ClientName": name, "ExplicitAuthFlows": flows},
    )
    assert app.ok, app
    return pool_id, app.body["UserPoolClient"]["ClientId"]


def sign_up(client: httpx.Client, client_id: str, username: str, password: str) -> Answer:
    """SignUp with an email attribute (the pools here auto-verify email: a code is sent)."""
    email = {"Name": "email", "Value": f"{username}@example.com"}
    body = {"ClientId": client_id, "Username": username, "Password": password}
    return post(client, "SignUp", body | {"UserAttributes": [email]})


def confirmed_user(
    client: httpx.Client, pool_id: str, client_id: str, username: str, password: str
) -> str:
    """Sign up and confirm with the code from the outbox; the user's sub."""
    signed = sign_up(client, client_id, username, password)
    assert signed.ok, signed
    code = latest_code(client, pool_id, username)
    assert code is not None
    confirmed = post(
        client,
        "ConfirmSignUp",
        {"ClientId": client_id, "Username": username, "ConfirmationCode": code},
    )
    assert confirmed.ok, confirmed
    return str(signed.body["UserSub"])
