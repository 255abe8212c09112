"""Passwords: ChangePassword (signed in) and the forgot-password flow (signed out).

ConfirmForgotPassword signs the user out everywhere (every refresh token revoked, older access
tokens refused): whoever reset the password owns the account now. Real Cognito does not do
this, and its users ask for it; ChangePassword, like Cognito's, leaves other sessions alone
(call GlobalSignOut for that).
"""

from __future__ import annotations

from ...errors import InvalidParameterException, NotAuthorizedException
from ..domain import (
    codes,
    credentials,
    delivery,
    existence,
    migration,
    tokens,
    trigger_events,
    users,
)
from ..domain.passwords import check_policy
from . import Body, OpContext, operation
from .users import client_and_pool

NO_RECOVERY_CHANNEL = (
    "Cannot reset password for the user as there is no registered/verified email or phone_number"
)
RESET_REQUIRED = "RESET_REQUIRED"


@operation("ChangePassword")
def change_password(ctx: OpContext, body: Body) -> Body:
    """Replace the password, given the current one (lockout rules apply to it)."""
    pool, user, _claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
    check_policy(pool, body["ProposedPassword"])
    # Optional in the model for passwordless users; every user here has a password.
    previous = body.get("PreviousPassword")
    if not previous:
        raise NotAuthorizedException(credentials.WRONG_PASSWORD)
    credentials.check_password(ctx, pool, user, previous)
    users.set_password(ctx, pool, user, body["ProposedPassword"])
    return {}


@operation("ForgotPassword")
def forgot_password(ctx: OpContext, body: Body) -> Body:
    """Send a password reset code to the user's verified email or phone."""
    client, pool = client_and_pool(ctx, body)
    user = migration.find_for_reset(ctx, client, pool, body["Username"])
    if user is None:
        return {"CodeDeliveryDetails": existence.fake_delivery(ctx, client, pool, body["Username"])}
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    channel = delivery.recovery_channel(pool, user)
    if channel is None:
        raise InvalidParameterException(NO_RECOVERY_CHANNEL)
    code = codes.issue(ctx, pool.id, user.username_key, codes.FORGOT_PASSWORD, codes.CODE_TTL)
    details = delivery.send_code(ctx, pool, user, channel, codes.FORGOT_PASSWORD, code)
    return {"CodeDeliveryDetails": details}


@operation("ConfirmForgotPassword")
def confirm_forgot_password(ctx: OpContext, body: Body) -> Body:
    """Set a new password with the reset code; every session of the user ends."""
    client, pool = client_and_pool(ctx, body)
    user = existence.code_target(ctx, client, pool, body["Username"])
    check_policy(pool, body["Password"])
    codes.consume(ctx, pool.id, user.username_key, codes.FORGOT_PASSWORD, body["ConfirmationCode"])
    users.set_password(ctx, pool, user, body["Password"])
    if user.status == RESET_REQUIRED:
        users.update_user(ctx, user, status=users.CONFIRMED)
    tokens.revoke_all(ctx, user)
    trigger_events.post_confirmation(ctx, pool, user, "ConfirmForgotPassword")
    return {}
