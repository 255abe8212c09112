"""Helpers for the MFA / new-password / custom-auth tests: pools, users, codes, TOTP."""

from __future__ import annotations

from typing import Any

import httpx

from cognito_identity.protocol.totp import secret_bytes, totp

from ..conftest import STRONG_PASSWORD, PoolIds, latest_code
from .helpers import confirmed_user, sign_up

SNS_ROLE = {"SnsCallerArn": "arn:aws:iam::000000000000:role/cognito-sms"}
PHONE = "+15555550123"


def set_mfa(boto: Any, pool: PoolIds, mode: str, *factors: str) -> Any:
    """SetUserPoolMfaConfig with ``factors`` among "sms", "totp", "email" turned on."""
    extra: dict[str, Any] = {}
    if "sms" in factors:
        extra["SmsMfaConfiguration"] = {
            "SmsAuthenticationMessage": "Your sign-in code is {####}",
            "SmsConfiguration": SNS_ROLE,
        }
    if "totp" in factors:
        extra["SoftwareTokenMfaConfiguration"] = {"Enabled": True}
    if "email" in factors:
        extra["EmailMfaConfiguration"] = {"Message": "Sign-in code {####}", "Subject": "Code"}
    return boto.set_user_pool_mfa_config(
        UserPoolId=pool.user_pool_id, MfaConfiguration=mode, **extra
    )


def phone_user(boto: Any, pool: PoolIds, username: str) -> str:
    """A confirmed user with an email and a phone number; returns the sub."""
    attributes = [
        {"Name": "email", "Value": f"{username}@example.com"},
        {"Name": "phone_number", "Value": PHONE},
    ]
    sub = str(sign_up(boto, pool, username, UserAttributes=attributes)["UserSub"])
    code = latest_code(pool.endpoint, pool.user_pool_id, username)
    boto.confirm_sign_up(ClientId=pool.client_id, Username=username, ConfirmationCode=code)
    return sub


def start_password(boto: Any, pool: PoolIds, username: str, password: str = STRONG_PASSWORD) -> Any:
    """InitiateAuth USER_PASSWORD_AUTH; the whole response (a challenge or tokens)."""
    return boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": username, "PASSWORD": password},
    )


def respond(boto: Any, pool: PoolIds, name: str, session: str, **responses: str) -> Any:
    """RespondToAuthChallenge ``name`` with ``responses`` (USERNAME included by the caller)."""
    return boto.respond_to_auth_challenge(
        ClientId=pool.client_id, ChallengeName=name, Session=session, ChallengeResponses=responses
    )


def messages(pool: PoolIds, username: str) -> list[dict[str, Any]]:
    """The outbox for ``username``, newest first."""
    response = httpx.get(
        pool.endpoint.rstrip("/") + "/_local/messages",
        params={"pool_id": pool.user_pool_id, "username": username},
    )
    response.raise_for_status()
    return list(response.json()["messages"])


def totp_now(secret: str, clock: Any, offset: float = 0.0) -> str:
    """The authenticator's code for ``secret`` at the fake clock's time (+ ``offset``)."""
    return totp(secret_bytes(secret), clock.now + offset)


def tokens_of(boto: Any, pool: PoolIds, username: str) -> Any:
    """A signed-in user's AuthenticationResult (the pool must not ask for MFA yet)."""
    return start_password(boto, pool, username)["AuthenticationResult"]


def totp_user(boto: Any, pool: PoolIds, clock: Any, username: str) -> str:
    """A confirmed user with a verified authenticator and TOTP MFA on and preferred.

    Returns the secret. The pool must still let the user sign in without MFA. The clock moves
    one step on, so the code used to verify can't collide with the next sign-in's.
    """
    confirmed_user(boto, pool, username)
    access = tokens_of(boto, pool, username)["AccessToken"]
    secret = str(boto.associate_software_token(AccessToken=access)["SecretCode"])
    code = totp_now(secret, clock)
    boto.verify_software_token(AccessToken=access, UserCode=code, FriendlyDeviceName="phone")
    boto.set_user_mfa_preference(
        AccessToken=access, SoftwareTokenMfaSettings={"Enabled": True, "PreferredMfa": True}
    )
    clock.advance(30)
    return secret
