"""MFA operations: the pool's MFA configuration, authenticator apps, users' MFA preferences."""

from __future__ import annotations

from ...errors import InvalidParameterException
from ..domain import mfa, mfa_answers, mfa_config, software_tokens, tokens, users
from ..domain.records import load_pool
from . import Body, OpContext, operation

NO_CREDENTIAL = "Either AccessToken or Session must be provided."


@operation("GetUserPoolMfaConfig")
def get_user_pool_mfa_config(ctx: OpContext, body: Body) -> Body:
    """The pool's MFA mode and the second factors it offers."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    return mfa_config.mfa_config_shape(ctx, pool)


@operation("SetUserPoolMfaConfig")
def set_user_pool_mfa_config(ctx: OpContext, body: Body) -> Body:
    """Set the MFA mode and turn factors on (those left out are turned off)."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    return mfa_config.mfa_config_shape(ctx, mfa_config.set_pool_mfa(ctx, pool, body))


@operation("AssociateSoftwareToken")
def associate_software_token(ctx: OpContext, body: Body) -> Body:
    """A new authenticator secret, for a signed-in user or during MFA_SETUP (with Session)."""
    if body.get("AccessToken"):
        _pool, user, _claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
        return {"SecretCode": software_tokens.associate(ctx, user)}
    if body.get("Session"):
        return mfa_answers.associate_in_setup(ctx, body["Session"])
    raise InvalidParameterException(NO_CREDENTIAL)


@operation("VerifySoftwareToken")
def verify_software_token(ctx: OpContext, body: Body) -> Body:
    """Check a code of the new secret; it becomes the user's authenticator."""
    code, name = body["UserCode"], body.get("FriendlyDeviceName")
    if body.get("AccessToken"):
        _pool, user, _claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
        software_tokens.verify(ctx, user, code, name)
        return {"Status": "SUCCESS"}
    if body.get("Session"):
        return mfa_answers.verify_in_setup(ctx, body["Session"], code, name)
    raise InvalidParameterException(NO_CREDENTIAL)


@operation("SetUserMFAPreference")
def set_user_mfa_preference(ctx: OpContext, body: Body) -> Body:
    """Turn the signed-in user's factors on or off and pick the preferred one."""
    _pool, user, _claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
    mfa.set_preference(ctx, user, body)
    return {}


@operation("AdminSetUserMFAPreference")
def admin_set_user_mfa_preference(ctx: OpContext, body: Body) -> Body:
    """SetUserMFAPreference for a user named by the administrator."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    mfa.set_preference(ctx, users.get_user(ctx, pool, body["Username"]), body)
    return {}


@operation("SetUserSettings")
def set_user_settings(ctx: OpContext, body: Body) -> Body:
    """The legacy switch for SMS MFA: one SMS MFAOption turns it on, none turns it off."""
    _pool, user, _claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
    mfa.set_legacy_options(ctx, user, body["MFAOptions"])
    return {}
