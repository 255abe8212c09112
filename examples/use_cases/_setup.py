"""What every use-case script shares: which pool to talk to, and where codes come from.

* **AWS** when ``COGNITO_USER_POOL_ID`` and ``COGNITO_CLIENT_ID`` are set (the region comes from
  the pool id; ``COGNITO_IDENTITY_POOL_ID`` for the scripts that get AWS credentials). Codes and
  TOTP codes are then asked for with ``input()``, and the pool must already have the settings
  a script needs (MFA, device tracking, custom auth triggers).
* **Local** otherwise: a local user pool server (``COGNITO_ENDPOINT``, or one started in this
  process on a temporary SQLite file), a fresh pool made with the settings the script asks
  for, and codes read from the server's outbox (``GET /_local/messages``).

Everything marked "local only" uses boto3 admin calls with the local server's credentials; on
AWS those steps are yours to do beforehand.
"""

from __future__ import annotations

import atexit
import os
import secrets
import tempfile
import time
from dataclasses import dataclass
from typing import Any

import httpx

from cognito_identity import (
    AuthenticationDetails,
    CognitoIdentityCredentials,
    CognitoUser,
    CognitoUserPool,
    CognitoUserSession,
    Storage,
)
from cognito_identity.identity import Logins

ADMIN = {"aws_access_key_id": "local", "aws_secret_access_key": "local-secret"}
SMS_ROLE = {"SnsCallerArn": "arn:aws:iam::123456789012:role/sms", "ExternalId": "local"}
ALL_FLOWS = ["ALLOW_USER_SRP_AUTH", "ALLOW_USER_PASSWORD_AUTH", "ALLOW_CUSTOM_AUTH",
             "ALLOW_REFRESH_TOKEN_AUTH"]  # fmt: skip


@dataclass
class Env:
    """The pool (and identity pool) a script uses; ``endpoint`` is ``None`` on AWS."""

    user_pool_id: str
    client_id: str
    endpoint: str | None
    identity_pool_id: str | None = None
    _totp_secret: str = ""
    _used_totp_step: int = 0

    @property
    def local(self) -> bool:
        return self.endpoint is not None

    def pool(self, storage: Storage | None = None) -> CognitoUserPool:
        """A ``CognitoUserPool`` for this pool (JS: ``new CognitoUserPool(poolData)``)."""
        return CognitoUserPool(self.user_pool_id, self.client_id, self.endpoint, storage)

    def credentials(self, logins: Logins) -> CognitoIdentityCredentials:
        """``CognitoIdentityCredentials`` for the identity pool (JS: ``AWS.CognitoIdentity...``)."""
        assert self.identity_pool_id, "set COGNITO_IDENTITY_POOL_ID"
        return CognitoIdentityCredentials(self.identity_pool_id, logins, endpoint=self.endpoint)

    def code_for(self, username: str) -> str:
        """The newest code sent to ``username``: from the local outbox, or typed in (AWS)."""
        if not self.local:
            return input(f"Code sent to {username}: ")
        url = f"{self.endpoint}_local/messages"
        query = {"pool_id": self.user_pool_id, "username": username}
        return str(httpx.get(url, params=query).json()["messages"][0]["code"])

    def totp_code(self, secret: str | None = None) -> str:
        """A code from the authenticator app, which keeps the last ``secret`` it was given
        (computed locally; typed in on AWS)."""
        self._totp_secret = secret or self._totp_secret
        if not self.local:
            return input("Code from your authenticator app: ")
        from cognito_identity.protocol.totp import secret_bytes, time_step, totp

        # A code is accepted once: take the next 30 s step when this one was used already.
        self._used_totp_step = max(time_step(time.time()), self._used_totp_step + 1)
        return totp(secret_bytes(self._totp_secret), self._used_totp_step * 30)


def env(
    mfa: str | None = None,
    devices: bool = False,
    custom_auth: bool = False,
    identity_pool: bool = False,
) -> Env:
    """The pool to use. Locally a fresh one (local only) with these settings:

    Args:
        mfa: ``"OPTIONAL"`` or ``"ON"``, with SMS and authenticator-app (TOTP) codes.
        devices: device tracking, remembered only when the user says so.
        custom_auth: the custom auth triggers of ``_custom_auth.py``.
        identity_pool: also an identity pool trusting the pool's client.
    """
    if os.environ.get("COGNITO_USER_POOL_ID") and os.environ.get("COGNITO_CLIENT_ID"):
        return Env(
            os.environ["COGNITO_USER_POOL_ID"],
            os.environ["COGNITO_CLIENT_ID"],
            None,
            os.environ.get("COGNITO_IDENTITY_POOL_ID"),
        )
    endpoint = os.environ.get("COGNITO_ENDPOINT") or _start_local_server()
    idp = admin("cognito-idp", endpoint)
    settings: dict[str, Any] = {"PoolName": "use-case", "AutoVerifiedAttributes": ["email"]}
    if devices:
        settings["DeviceConfiguration"] = {"DeviceOnlyRememberedOnUserPrompt": True}
    if custom_auth:
        from _custom_auth import lambda_config

        settings["LambdaConfig"] = lambda_config()
    pool_id = idp.create_user_pool(**settings)["UserPool"]["Id"]
    client = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=ALL_FLOWS
    )
    if mfa:
        idp.set_user_pool_mfa_config(
            UserPoolId=pool_id,
            MfaConfiguration=mfa,
            SoftwareTokenMfaConfiguration={"Enabled": True},
            SmsMfaConfiguration={"SmsConfiguration": SMS_ROLE},
        )
    found = Env(pool_id, client["UserPoolClient"]["ClientId"], endpoint)
    if identity_pool:
        found.identity_pool_id = _identity_pool(found)
    return found


def _start_local_server() -> str:
    from cognito_identity.server.config import ServerConfig
    from cognito_identity.server.embedded import EmbeddedServer

    db = os.path.join(tempfile.mkdtemp(prefix="use-case-"), "pool.sqlite3")
    server = EmbeddedServer(ServerConfig(f"sqlite:///{db}", log_messages=False)).start()
    atexit.register(server.stop)
    return server.endpoint


def admin(service: str, endpoint: str) -> Any:
    """A boto3 client with the local server's admin credentials (local only)."""
    import boto3

    return boto3.client(service, endpoint_url=endpoint, region_name="us-east-1", **ADMIN)


def _identity_pool(found: Env) -> str:
    assert found.endpoint is not None
    issuer = f"{found.endpoint.split('://', 1)[1]}{found.user_pool_id}"
    provider = {"ProviderName": issuer, "ClientId": found.client_id}
    created = admin("cognito-identity", found.endpoint).create_identity_pool(
        IdentityPoolName="use-case",
        AllowUnauthenticatedIdentities=False,
        CognitoIdentityProviders=[provider],
    )
    return str(created["IdentityPoolId"])


def new_password() -> str:
    """A random password meeting the default policy (the scripts never print one)."""
    return "Aa1!" + secrets.token_urlsafe(12)


def new_username() -> str:
    return f"user-{secrets.token_hex(3)}"


def confirmed_user(found: Env, **attributes: str) -> tuple[str, str]:
    """A confirmed user: ``(username, password)``; ``COGNITO_USERNAME`` and ``COGNITO_PASSWORD``
    when set, otherwise signed up (with ``<name>@example.com``) and confirmed with the code."""
    if os.environ.get("COGNITO_USERNAME") and os.environ.get("COGNITO_PASSWORD"):
        return os.environ["COGNITO_USERNAME"], os.environ["COGNITO_PASSWORD"]
    username, password = new_username(), new_password()
    result = found.pool().sign_up(
        username, password, {"email": f"{username}@example.com", **attributes}
    )
    result.user.confirm_registration(found.code_for(username))
    return username, password


def signed_in_user(found: Env, pool: CognitoUserPool, **attributes: str) -> CognitoUser:
    """A confirmed user of ``pool``, signed in with SRP (JS: after ``authenticateUser``)."""
    username, password = confirmed_user(found, **attributes)
    user = CognitoUser(username, pool)
    session = user.authenticate_user(AuthenticationDetails(username, password))
    assert isinstance(session, CognitoUserSession), f"{session.challenge_name} asked"
    return user


def invited_user(found: Env, **attributes: str) -> tuple[str, str]:
    """A user made by an admin (AdminCreateUser, local only): ``(username, temporary password)``.

    On AWS: ``COGNITO_USERNAME`` and the temporary password from the invitation, typed in.
    """
    if not found.local:
        from getpass import getpass

        return os.environ["COGNITO_USERNAME"], getpass("Temporary password: ")
    username, temporary = new_username(), new_password()
    admin("cognito-idp", str(found.endpoint)).admin_create_user(
        UserPoolId=found.user_pool_id,
        Username=username,
        TemporaryPassword=temporary,
        UserAttributes=[{"Name": k, "Value": v} for k, v in attributes.items()],
        MessageAction="SUPPRESS",
    )
    return username, temporary
