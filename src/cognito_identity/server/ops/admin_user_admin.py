"""Administrators managing users: delete, attributes, disable / enable.

Admin operations are authorised by IAM credentials in Cognito (SigV4 here, checked by the app),
not by a user's token; the user is named by username or alias.
"""

from __future__ import annotations

from ..domain import admin_attributes, attributes, users
from ..domain.records import PoolRecord, load_pool
from . import Body, OpContext, operation


def pool_and_user(ctx: OpContext, body: Body) -> tuple[PoolRecord, users.UserRecord]:
    """The pool ``UserPoolId`` and its user ``Username``, or the not-found errors."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    return pool, users.get_user(ctx, pool, body["Username"])


@operation("AdminDeleteUser")
def admin_delete_user(ctx: OpContext, body: Body) -> Body:
    """Delete the user and everything of theirs (aliases, codes, tokens, group memberships)."""
    _pool, user = pool_and_user(ctx, body)
    users.delete_user(ctx, user)
    return {}


@operation("AdminUpdateUserAttributes")
def admin_update_user_attributes(ctx: OpContext, body: Body) -> Body:
    """Change attributes, the verification flags included (see :mod:`..domain.admin_attributes`)."""
    pool, user = pool_and_user(ctx, body)
    values = attributes.validate_write(pool, body["UserAttributes"], admin=True)
    admin_attributes.check_update(pool, values)
    admin_attributes.update(ctx, pool, user, values)
    return {}


@operation("AdminDeleteUserAttributes")
def admin_delete_user_attributes(ctx: OpContext, body: Body) -> Body:
    """Remove attributes that are neither required nor immutable."""
    pool, user = pool_and_user(ctx, body)
    names = list(body["UserAttributeNames"])
    admin_attributes.check_deletable(pool, names)
    admin_attributes.delete(ctx, pool, user, names)
    return {}


@operation("AdminDisableUser")
def admin_disable_user(ctx: OpContext, body: Body) -> Body:
    """The user can no longer sign in, refresh or use its access tokens ("User is disabled.")."""
    _pool, user = pool_and_user(ctx, body)
    users.update_user(ctx, user, enabled=False)
    return {}


@operation("AdminEnableUser")
def admin_enable_user(ctx: OpContext, body: Body) -> Body:
    """Let a disabled user sign in again."""
    _pool, user = pool_and_user(ctx, body)
    users.update_user(ctx, user, enabled=True)
    return {}
