"""AdminCreateUser: a user made by an administrator, with a temporary password."""

from __future__ import annotations

from dataclasses import replace

from ...errors import UnsupportedUserStateException, UsernameExistsException
from ..domain import aliases, attributes, invitations, trigger_events, users
from ..domain.passwords import check_policy, make_verifier
from ..domain.records import PoolRecord, load_pool
from ..domain.sign_in import FORCE_CHANGE_PASSWORD
from . import Body, OpContext, operation

EXISTS = "User account already exists"


def _attributes(pool: PoolRecord, body: Body) -> dict[str, str]:
    """The new user's attributes; an administrator may set the *_verified flags, not sub."""
    given = [item for item in body.get("UserAttributes") or [] if item["Name"] != "sub"]
    values = attributes.validate_write(pool, given, admin=True)
    aliases.sign_up_attributes(pool, body["Username"], values)
    return values


def _temporary_password(ctx: OpContext, pool: PoolRecord, body: Body) -> str:
    given = body.get("TemporaryPassword")
    if given:
        check_policy(pool, given)
        return str(given)
    return invitations.temporary_password(ctx, pool)


def _user_shape(user: users.UserRecord) -> Body:
    view = users.admin_view(user)
    view["Attributes"] = view.pop("UserAttributes")
    view.pop("PreferredMfaSetting", None)
    view.pop("UserMFASettingList", None)
    return view


def _create(ctx: OpContext, pool: PoolRecord, body: Body, password: str) -> users.UserRecord:
    aliases.check_sign_up_name(pool, body["Username"])
    values = _attributes(pool, body)
    sub = users.new_sub(ctx)
    username = sub if aliases.username_attributes(pool) else body["Username"]
    decision = trigger_events.pre_sign_up(ctx, pool, username, values, "AdminCreateUser")
    verifier = make_verifier(ctx, pool, username, password)
    try:
        user = users.create_user(
            ctx,
            pool,
            username,
            values,
            verifier,
            sub=sub,
            force_alias=bool(body.get("ForceAliasCreation")),
        )
    except UsernameExistsException as exc:
        raise UsernameExistsException(EXISTS) from exc
    # An invited user always starts FORCE_CHANGE_PASSWORD: only the verify flags apply.
    trigger_events.apply_sign_up(ctx, user, replace(decision, auto_confirm=False))
    users.update_user(ctx, user, status=FORCE_CHANGE_PASSWORD)
    return users.reload(ctx, user)


def _resend(ctx: OpContext, pool: PoolRecord, body: Body, password: str) -> users.UserRecord:
    """RESEND: a new temporary password (the old one is not kept), a new expiry."""
    user = users.get_user(ctx, pool, body["Username"])
    if user.status != FORCE_CHANGE_PASSWORD:
        raise UnsupportedUserStateException(
            f"Resend not possible. {user.username} status is not FORCE_CHANGE_PASSWORD."
        )
    verifier = make_verifier(ctx, pool, user.username, password)
    users.update_user(
        ctx,
        user,
        password_salt=verifier.salt_hex,
        password_verifier=verifier.verifier_hex,
        password_set_at=ctx.now,
    )
    return users.reload(ctx, user)


@operation("AdminCreateUser")
def admin_create_user(ctx: OpContext, body: Body) -> Body:
    """Create a FORCE_CHANGE_PASSWORD user and send the invitation with its temporary password.

    ``TemporaryPassword`` (checked against the policy) or a generated one; ``MessageAction``
    SUPPRESS sends nothing, RESEND gives an existing invited user a new one.
    """
    pool = load_pool(ctx.conn, body["UserPoolId"])
    password = _temporary_password(ctx, pool, body)
    action = body.get("MessageAction")
    make = _resend if action == "RESEND" else _create
    user = make(ctx, pool, body, password)
    if action != "SUPPRESS":
        mediums = list(body.get("DesiredDeliveryMediums") or ["SMS"])
        invitations.send_invitation(ctx, pool, user, password, mediums)
    return {"User": _user_shape(user)}
