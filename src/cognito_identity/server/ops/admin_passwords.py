"""Administrators and passwords: AdminSetUserPassword and AdminResetUserPassword."""

from __future__ import annotations

from ...errors import InvalidParameterException, NotAuthorizedException
from ..domain import codes, delivery, users
from ..domain.auth import RESET_REQUIRED
from ..domain.passwords import check_policy
from ..domain.sign_in import FORCE_CHANGE_PASSWORD
from . import Body, OpContext, operation
from .admin_user_admin import pool_and_user
from .passwords import NO_RECOVERY_CHANNEL


@operation("AdminSetUserPassword")
def admin_set_user_password(ctx: OpContext, body: Body) -> Body:
    """Set the password: ``Permanent`` makes the user CONFIRMED with it; otherwise it is a
    temporary password (FORCE_CHANGE_PASSWORD, NEW_PASSWORD_REQUIRED at the next sign-in,
    expiring after the pool's TemporaryPasswordValidityDays, as AdminCreateUser's)."""
    pool, user = pool_and_user(ctx, body)
    check_policy(pool, body["Password"])
    users.set_password(ctx, pool, user, body["Password"])
    status = users.CONFIRMED if body.get("Permanent") else FORCE_CHANGE_PASSWORD
    users.update_user(ctx, user, status=status)
    # A reset code asked for before must not override the password just set.
    codes.invalidate(ctx, pool.id, user.username_key, codes.FORGOT_PASSWORD)
    return {}


@operation("AdminResetUserPassword")
def admin_reset_user_password(ctx: OpContext, body: Body) -> Body:
    """Invalidate the password (status RESET_REQUIRED: sign-in answers
    PasswordResetRequiredException) and send a reset code for ConfirmForgotPassword."""
    pool, user = pool_and_user(ctx, body)
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    channel = delivery.recovery_channel(pool, user)
    if channel is None:
        raise InvalidParameterException(NO_RECOVERY_CHANNEL)
    users.update_user(ctx, user, status=RESET_REQUIRED)
    code = codes.issue(ctx, pool.id, user.username_key, codes.FORGOT_PASSWORD, codes.CODE_TTL)
    delivery.send_code(ctx, pool, user, channel, codes.FORGOT_PASSWORD, code)
    return {}
