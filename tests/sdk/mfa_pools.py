"""Pools with MFA for the SDK's live tests: shared by the challenge, async and CLI tests."""

from __future__ import annotations

from typing import Any

from tests.conftest import PoolIds

PHONE = "+15555550100"
SMS_ROLE = {"SnsCallerArn": "arn:aws:iam::123456789012:role/cognito-sms", "ExternalId": "local"}
ALL_FLOWS = [
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_CUSTOM_AUTH",
]


def create_pool(boto: Any, endpoint: str, **settings: Any) -> PoolIds:
    """A pool (email auto-verified, plus ``settings``) with a client allowing every flow."""
    created = boto.create_user_pool(
        PoolName="challenges", AutoVerifiedAttributes=["email"], **settings
    )
    pool_id = created["UserPool"]["Id"]
    client = boto.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=ALL_FLOWS
    )
    return PoolIds(pool_id, client["UserPoolClient"]["ClientId"], endpoint)


def set_mfa(boto: Any, ids: PoolIds, mode: str, *, sms: bool = True, email: bool = True) -> None:
    """SetUserPoolMfaConfig: ``mode`` with TOTP, and SMS / email codes if asked."""
    settings: dict[str, Any] = {
        "MfaConfiguration": mode,
        "SoftwareTokenMfaConfiguration": {"Enabled": True},
    }
    if sms:
        settings["SmsMfaConfiguration"] = {
            "SmsAuthenticationMessage": "Your sign-in code is {####}",
            "SmsConfiguration": SMS_ROLE,
        }
    if email:
        settings["EmailMfaConfiguration"] = {
            "Message": "Your sign-in code is {####}",
            "Subject": "Sign-in code",
        }
    boto.set_user_pool_mfa_config(UserPoolId=ids.user_pool_id, **settings)
