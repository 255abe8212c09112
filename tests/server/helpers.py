"""Helpers for the server tests: users in a known state and a small hand-written SRP client."""

from __future__ import annotations

import secrets
import time
from typing import Any

from cognito_identity.protocol.srp import (
    PRIVATE_VALUE_BYTES,
    SrpClient,
    password_claim_signature,
)
from cognito_identity.protocol.timestamp import format_timestamp

from ..conftest import STRONG_PASSWORD, PoolIds, latest_code


def sign_up(
    boto: Any, pool: PoolIds, username: str, password: str = STRONG_PASSWORD, **extra: Any
) -> Any:
    """SignUp with an email attribute (the pool auto-verifies email, so a code is sent)."""
    email = {"Name": "email", "Value": f"{username}@example.com"}
    attributes = extra.pop("UserAttributes", [email])
    return boto.sign_up(
        ClientId=pool.client_id,
        Username=username,
        Password=password,
        UserAttributes=attributes,
        **extra,
    )


def confirmed_user(boto: Any, pool: PoolIds, username: str, password: str = STRONG_PASSWORD) -> str:
    """Sign up and confirm with the code from the outbox; returns the user's sub."""
    sub = str(sign_up(boto, pool, username, password)["UserSub"])
    code = latest_code(pool.endpoint, pool.user_pool_id, username)
    boto.confirm_sign_up(ClientId=pool.client_id, Username=username, ConfirmationCode=code)
    return sub


def password_login(boto: Any, pool: PoolIds, username: str, password: str = STRONG_PASSWORD) -> Any:
    """USER_PASSWORD_AUTH; returns AuthenticationResult."""
    response = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )
    return response["AuthenticationResult"]


def pool_name(pool: PoolIds) -> str:
    return pool.user_pool_id.split("_", 1)[1]


def srp_start(boto: Any, pool: PoolIds, username: str) -> tuple[SrpClient, Any]:
    """InitiateAuth USER_SRP_AUTH with a fresh random a; returns the client and the challenge."""
    client = SrpClient.from_random_bytes(secrets.token_bytes(PRIVATE_VALUE_BYTES))
    response = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_SRP_AUTH",
        AuthParameters={"USERNAME": username, "SRP_A": client.srp_a},
    )
    return client, response


def srp_responses(
    pool: PoolIds, client: SrpClient, challenge: Any, password: str, when: float | None = None
) -> dict[str, str]:
    """The PASSWORD_VERIFIER ChallengeResponses for ``password``."""
    params = challenge["ChallengeParameters"]
    user_id = params["USER_ID_FOR_SRP"]
    key = client.session_key(
        pool_name(pool), user_id, password, int(params["SRP_B"], 16), int(params["SALT"], 16)
    )
    timestamp = format_timestamp(time.time() if when is None else when)
    signature = password_claim_signature(
        key, pool_name(pool), user_id, params["SECRET_BLOCK"], timestamp
    )
    return {
        "USERNAME": user_id,
        "PASSWORD_CLAIM_SECRET_BLOCK": params["SECRET_BLOCK"],
        "TIMESTAMP": timestamp,
        "PASSWORD_CLAIM_SIGNATURE": signature,
    }


def srp_answer(boto: Any, pool: PoolIds, responses: dict[str, str], session: Any = None) -> Any:
    """RespondToAuthChallenge PASSWORD_VERIFIER (with ``Session`` when given)."""
    extra = {} if session is None else {"Session": session}
    return boto.respond_to_auth_challenge(
        ClientId=pool.client_id,
        ChallengeName="PASSWORD_VERIFIER",
        ChallengeResponses=responses,
        **extra,
    )


def srp_login(boto: Any, pool: PoolIds, username: str, password: str = STRONG_PASSWORD) -> Any:
    """A whole SRP login; returns AuthenticationResult."""
    client, challenge = srp_start(boto, pool, username)
    responses = srp_responses(pool, client, challenge, password)
    return srp_answer(boto, pool, responses, challenge.get("Session"))["AuthenticationResult"]


def error_of(excinfo: Any) -> tuple[str, str]:
    """(code, message) of a botocore ClientError."""
    error = excinfo.value.response["Error"]
    return error["Code"], error["Message"]
