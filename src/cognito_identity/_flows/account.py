"""Account flows: attributes, passwords, deletion, sign-out and token revocation.

Each flow is a generator (see :mod:`._driver`) that builds the request, yields it as a
:class:`~cognito_identity._wire.Call`, and turns the answer into a typed result. They touch no
storage, no session and no network: the user classes find a valid access token first and decide
what to cache or clear afterwards, so the sync :class:`~cognito_identity.CognitoUser` and a later
async twin run the very same flows.

Flows that act for a signed-in user take its ``access_token`` (the JWT string); the ones for a
user who cannot sign in (forgot password) take the :class:`AuthContext` for SECRET_HASH.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .._wire import Call
from ..attributes import CognitoUserAttribute
from ..delivery import CodeDeliveryDetails, UpdateAttributesResult
from ..tokens import CognitoUserSession
from ._driver import Flow
from .auth import AuthContext

#: What the JS library's callbacks receive when an operation has nothing else to say.
SUCCESS = "SUCCESS"

Metadata = Mapping[str, str] | None


def get_user(access_token: str) -> Flow[dict[str, Any]]:
    """GetUser: the raw answer (``Username``, ``UserAttributes``, ``MFAOptions``...)."""
    answer = yield Call("GetUser", {"AccessToken": access_token})
    return answer


def user_attributes(user_data: Mapping[str, Any]) -> list[CognitoUserAttribute]:
    """The attributes of a GetUser answer."""
    items = user_data.get("UserAttributes") or []
    return [CognitoUserAttribute.from_dict(item) for item in items]


def update_user_attributes(
    access_token: str, attributes: list[dict[str, str]], client_metadata: Metadata = None
) -> Flow[UpdateAttributesResult]:
    """UpdateUserAttributes with wire-shaped ``attributes`` (``[{"Name", "Value"}]``)."""
    payload = {
        "AccessToken": access_token,
        "UserAttributes": attributes,
        "ClientMetadata": client_metadata,
    }
    answer = yield Call("UpdateUserAttributes", payload)
    return UpdateAttributesResult.from_answer(answer)


def delete_user_attributes(access_token: str, names: Sequence[str]) -> Flow[str]:
    """DeleteUserAttributes (the operation takes no ClientMetadata)."""
    payload = {"AccessToken": access_token, "UserAttributeNames": list(names)}
    yield Call("DeleteUserAttributes", payload)
    return SUCCESS


def get_user_attribute_verification_code(
    access_token: str, name: str, client_metadata: Metadata = None
) -> Flow[CodeDeliveryDetails]:
    """GetUserAttributeVerificationCode: a code is sent to verify attribute ``name``."""
    payload = {
        "AccessToken": access_token,
        "AttributeName": name,
        "ClientMetadata": client_metadata,
    }
    answer = yield Call("GetUserAttributeVerificationCode", payload)
    return CodeDeliveryDetails.from_dict(answer.get("CodeDeliveryDetails"))


def verify_user_attribute(access_token: str, name: str, code: str) -> Flow[str]:
    """VerifyUserAttribute with the code the pool sent."""
    payload = {"AccessToken": access_token, "AttributeName": name, "Code": code}
    yield Call("VerifyUserAttribute", payload)
    return SUCCESS


def change_password(
    access_token: str, previous: str, proposed: str, client_metadata: Metadata = None
) -> Flow[str]:
    """ChangePassword (the passwords travel over TLS; ``Call`` hides them from ``repr``)."""
    payload = {
        "AccessToken": access_token,
        "PreviousPassword": previous,
        "ProposedPassword": proposed,
        "ClientMetadata": client_metadata,
    }
    yield Call("ChangePassword", payload)
    return SUCCESS


def forgot_password(
    ctx: AuthContext, username: str, client_metadata: Metadata = None
) -> Flow[CodeDeliveryDetails]:
    """ForgotPassword: the pool sends a code to reset the password of ``username``."""
    payload = {
        "ClientId": ctx.client_id,
        "Username": username,
        "SecretHash": ctx.secret_hash(username),
        "ClientMetadata": client_metadata,
    }
    answer = yield Call("ForgotPassword", payload)
    return CodeDeliveryDetails.from_dict(answer.get("CodeDeliveryDetails"))


def confirm_forgot_password(
    ctx: AuthContext, username: str, code: str, password: str, client_metadata: Metadata = None
) -> Flow[str]:
    """ConfirmForgotPassword: set a new password with the code from :func:`forgot_password`."""
    payload = {
        "ClientId": ctx.client_id,
        "Username": username,
        "ConfirmationCode": code,
        "Password": password,
        "SecretHash": ctx.secret_hash(username),
        "ClientMetadata": client_metadata,
    }
    yield Call("ConfirmForgotPassword", payload)
    return SUCCESS


def delete_user(access_token: str, client_metadata: Metadata = None) -> Flow[str]:
    """DeleteUser: the signed-in user deletes their own account."""
    yield Call("DeleteUser", {"AccessToken": access_token, "ClientMetadata": client_metadata})
    return SUCCESS


def global_sign_out(access_token: str) -> Flow[str]:
    """GlobalSignOut: every refresh token of the user is revoked, on every device."""
    yield Call("GlobalSignOut", {"AccessToken": access_token})
    return SUCCESS


def is_revocable(session: CognitoUserSession) -> bool:
    """Whether the session's tokens can be revoked: the access token has ``origin_jti``.

    Cognito adds that claim when the app client has token revocation turned on (the default
    for clients made since 2021); without it RevokeToken is refused, so it is not sent.
    """
    return "origin_jti" in session.access_token.payload


def revoke_tokens(ctx: AuthContext, session: CognitoUserSession) -> Flow[bool]:
    """RevokeToken for the session's refresh token, if it is revocable; returns whether sent.

    Revoking the refresh token also ends the access and ID tokens issued from it.
    """
    if session.refresh_token is None or not is_revocable(session):
        return False
    payload = {
        "Token": session.refresh_token.token,
        "ClientId": ctx.client_id,
        "ClientSecret": ctx.client_secret,
    }
    yield Call("RevokeToken", payload)
    return True


def set_user_mfa_preference(
    access_token: str,
    sms_settings: Mapping[str, bool] | None,
    totp_settings: Mapping[str, bool] | None,
    email_settings: Mapping[str, bool] | None = None,
) -> Flow[str]:
    """SetUserMFAPreference (``None`` leaves a method as it is)."""
    payload = {
        "AccessToken": access_token,
        "SMSMfaSettings": sms_settings,
        "SoftwareTokenMfaSettings": totp_settings,
        "EmailMfaSettings": email_settings,
    }
    yield Call("SetUserMFAPreference", payload)
    return SUCCESS


def set_user_settings(access_token: str, mfa_options: list[dict[str, str]]) -> Flow[str]:
    """SetUserSettings, the deprecated SMS MFA switch (``[]`` turns it off)."""
    yield Call("SetUserSettings", {"AccessToken": access_token, "MFAOptions": mfa_options})
    return SUCCESS
