"""The user pool's Lambda triggers, each one's event built in one place.

Operations call one function per trigger at the point Cognito invokes it; a pool without the
trigger configured costs a dictionary lookup. How triggers are named and run (and how their
failures become ``UserLambdaValidationException`` / ``InvalidLambdaResponseException``) is in
:mod:`.triggers`; PreTokenGeneration is in :mod:`.token_triggers`, UserMigration's user
creation in :mod:`.migration`.

==================  =========================================  ==============================
trigger             triggerSource                              invoked by
==================  =========================================  ==============================
PreSignUp           PreSignUp_SignUp / _AdminCreateUser        SignUp, AdminCreateUser
PostConfirmation    PostConfirmation_ConfirmSignUp /           ConfirmSignUp, AdminConfirmSignUp,
                    _ConfirmForgotPassword                     ConfirmForgotPassword
PreAuthentication   PreAuthentication_Authentication           InitiateAuth (password, SRP,
                                                               custom), before the password
PostAuthentication  PostAuthentication_Authentication          every sign-in, after its tokens
CustomMessage       CustomMessage_SignUp, _ResendCode,         every code or invitation sent
                    _ForgotPassword, _UpdateUserAttribute,
                    _VerifyUserAttribute, _AdminCreateUser,
                    _Authentication
==================  =========================================  ==============================
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...errors import InvalidLambdaResponseException
from ..ops import OpContext
from . import triggers, users
from .records import PoolRecord

PRE_SIGN_UP = "PreSignUp"
POST_CONFIRMATION = "PostConfirmation"
PRE_AUTHENTICATION = "PreAuthentication"
POST_AUTHENTICATION = "PostAuthentication"
CUSTOM_MESSAGE = "CustomMessage"
CODE_PARAMETER = "{####}"
USERNAME_PARAMETER = "{username}"
LINK_PARAMETER = "{##Click Here##}"
# The operation sending a message -> CustomMessage's triggerSource suffix.
_MESSAGE_SOURCES = {
    "SignUp": "SignUp",
    "ResendConfirmationCode": "ResendCode",
    "ForgotPassword": "ForgotPassword",
    "AdminResetUserPassword": "ForgotPassword",
    "UpdateUserAttributes": "UpdateUserAttribute",
    "AdminUpdateUserAttributes": "UpdateUserAttribute",
    "GetUserAttributeVerificationCode": "VerifyUserAttribute",
    "AdminCreateUser": "AdminCreateUser",
    "InitiateAuth": "Authentication",
    "RespondToAuthChallenge": "Authentication",
    "AdminInitiateAuth": "Authentication",
    "AdminRespondToAuthChallenge": "Authentication",
}
_MESSAGE_FIELDS = {"EMAIL": "emailMessage", "SMS": "smsMessage"}


def client_id(ctx: OpContext) -> str | None:
    """The app client of the request, if it names one (admin operations don't)."""
    value = ctx.body.get("ClientId")
    return str(value) if value else None


def client_metadata(ctx: OpContext) -> dict[str, str]:
    """The request's ClientMetadata (what the caller passes to its triggers)."""
    return {str(k): str(v) for k, v in (ctx.body.get("ClientMetadata") or {}).items()}


def validation_data(ctx: OpContext) -> dict[str, str]:
    """SignUp's / AdminCreateUser's ValidationData as a map (a list of Name/Value on the wire)."""
    items = ctx.body.get("ValidationData") or []
    return {str(item["Name"]): str(item.get("Value", "")) for item in items}


def _flag(response: dict[str, Any], name: str, trigger: str) -> bool:
    value = response.get(name)
    if value is not None and not isinstance(value, bool):
        raise InvalidLambdaResponseException(f"Invalid {trigger} response: {name} is not boolean")
    return bool(value)


@dataclass(frozen=True)
class SignUpDecision:
    """What PreSignUp answered: confirm the user at once, mark email / phone verified."""

    auto_confirm: bool = False
    verify_email: bool = False
    verify_phone: bool = False


def pre_sign_up(
    ctx: OpContext, pool: PoolRecord, username: str, attributes: dict[str, str], source: str
) -> SignUpDecision:
    """PreSignUp before a user is stored (``source``: ``SignUp`` or ``AdminCreateUser``)."""
    if triggers.configured(pool, PRE_SIGN_UP) is None:
        return SignUpDecision()
    request = {
        "userAttributes": dict(attributes),
        "validationData": validation_data(ctx) or None,
        "clientMetadata": client_metadata(ctx),
    }
    response = {"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False}
    sent = triggers.named_event(
        ctx, pool, username, client_id(ctx), f"{PRE_SIGN_UP}_{source}", request, response
    )
    got = triggers.run(pool, PRE_SIGN_UP, sent)
    return SignUpDecision(
        _flag(got, "autoConfirmUser", PRE_SIGN_UP),
        _flag(got, "autoVerifyEmail", PRE_SIGN_UP),
        _flag(got, "autoVerifyPhone", PRE_SIGN_UP),
    )


def apply_sign_up(ctx: OpContext, user: users.UserRecord, decision: SignUpDecision) -> None:
    """Mark what PreSignUp asked verified (attributes the user has), then confirm if asked."""
    verified = dict(user.attributes)
    for wanted, attribute in (
        (decision.verify_email, "email"),
        (decision.verify_phone, "phone_number"),
    ):
        if wanted and verified.get(attribute):
            verified[f"{attribute}_verified"] = "true"
    if verified != user.attributes:
        users.update_user(ctx, user, attributes=verified)
        user = users.reload(ctx, user)
    if decision.auto_confirm:
        users.confirm(ctx, user, None)


def post_confirmation(
    ctx: OpContext, pool: PoolRecord, user: users.UserRecord, source: str
) -> None:
    """PostConfirmation once the user is confirmed (``source``: ``ConfirmSignUp`` or
    ``ConfirmForgotPassword``)."""
    if triggers.configured(pool, POST_CONFIRMATION) is None:
        return
    user = users.reload(ctx, user)
    request = {"userAttributes": dict(user.attributes), "clientMetadata": client_metadata(ctx)}
    name = f"{POST_CONFIRMATION}_{source}"
    sent = triggers.event(ctx, pool, user, client_id(ctx), name, request, {})
    triggers.run(pool, POST_CONFIRMATION, sent)


def pre_authentication(ctx: OpContext, pool: PoolRecord, user: users.UserRecord) -> None:
    """PreAuthentication for a known user, before the password is checked; raising blocks."""
    if triggers.configured(pool, PRE_AUTHENTICATION) is None:
        return
    request = {
        "userAttributes": dict(user.attributes),
        "validationData": client_metadata(ctx),
        "userNotFound": False,
    }
    source = f"{PRE_AUTHENTICATION}_Authentication"
    sent = triggers.event(ctx, pool, user, client_id(ctx), source, request, {})
    triggers.run(pool, PRE_AUTHENTICATION, sent)


def post_authentication(
    ctx: OpContext, pool: PoolRecord, user: users.UserRecord, device_key: str | None
) -> None:
    """PostAuthentication once a sign-in has its tokens (bound to ``device_key``, a device
    remembered now unless the sign-in proved it); raising fails the sign-in."""
    if triggers.configured(pool, POST_AUTHENTICATION) is None:
        return
    proved = ctx.body.get("ChallengeName") == "DEVICE_PASSWORD_VERIFIER"
    request = {
        "userAttributes": dict(user.attributes),
        "newDeviceUsed": device_key is not None and not proved,
        "clientMetadata": client_metadata(ctx),
    }
    source = f"{POST_AUTHENTICATION}_Authentication"
    sent = triggers.event(ctx, pool, user, client_id(ctx), source, request, {})
    triggers.run(pool, POST_AUTHENTICATION, sent)


def custom_message(
    ctx: OpContext, pool: PoolRecord, user: users.UserRecord, medium: str, template: str | None
) -> str | None:
    """The message template to send on ``medium`` (EMAIL, SMS): CustomMessage's, when the
    pool has the trigger and it answered one, else ``template``. It must hold ``{####}``."""
    suffix = _MESSAGE_SOURCES.get(ctx.operation)
    if suffix is None or triggers.configured(pool, CUSTOM_MESSAGE) is None:
        return template
    admin_invite = suffix == "AdminCreateUser"
    request = {
        "userAttributes": dict(user.attributes),
        "codeParameter": CODE_PARAMETER,
        "linkParameter": LINK_PARAMETER,
        "usernameParameter": USERNAME_PARAMETER if admin_invite else None,
        "clientMetadata": client_metadata(ctx),
    }
    response = {"smsMessage": None, "emailMessage": None, "emailSubject": None}
    source = f"{CUSTOM_MESSAGE}_{suffix}"
    sent = triggers.event(ctx, pool, user, client_id(ctx), source, request, response)
    return _message(triggers.run(pool, CUSTOM_MESSAGE, sent), medium, template)


def _message(response: dict[str, Any], medium: str, template: str | None) -> str | None:
    chosen = response.get(_MESSAGE_FIELDS.get(medium, "emailMessage"))
    if chosen is None:
        return template
    if not isinstance(chosen, str) or CODE_PARAMETER not in chosen:
        raise InvalidLambdaResponseException(
            f"Invalid {CUSTOM_MESSAGE} response: the message must contain {CODE_PARAMETER}"
        )
    return chosen
