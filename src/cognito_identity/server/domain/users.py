"""Users of a pool: lookup keys, creation, attributes, status and their wire shapes.

A user row keeps the SRP salt and verifier, never the password. The username lookup key is
lower-cased unless the pool's ``UsernameConfiguration.CaseSensitive`` is true; the primary key
``(pool_id, username_key)`` is what makes concurrent sign-ups produce exactly one user.

Every lookup by a name a client typed goes through :func:`get_user` / :func:`find_by_name`,
which also resolve sign-in aliases (email, phone, preferred username: see :mod:`.aliases`), and
every attribute write through :func:`set_attributes`, which keeps the aliases in step.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ...errors import AliasExistsException, UsernameExistsException, UserNotFoundException
from ..ops import OpContext
from ..store.prepared import Prepared
from ..store.schema import metadata, outbox, users
from . import aliases, lockout
from . import attributes as attribute_rules
from .passwords import Verifier, make_verifier
from .records import PoolRecord, load_pool

UNCONFIRMED = "UNCONFIRMED"
CONFIRMED = "CONFIRMED"

#: Re-exported for older callers; the schema rules live in :mod:`.attributes`.
STANDARD_ATTRIBUTES = attribute_rules.STANDARD_ATTRIBUTES
SERVER_ATTRIBUTES = attribute_rules.SERVER_ATTRIBUTES


@dataclass(frozen=True)
class UserRecord:
    """One row of ``users``."""

    pool_id: str
    username_key: str
    username: str
    sub: str
    status: str
    enabled: bool
    attributes: dict[str, str]
    password_salt: str | None
    password_verifier: str | None
    password_set_at: float | None
    mfa: dict[str, Any]
    failed_logins: int
    locked_until: float | None
    tokens_valid_after: float | None
    created_at: float
    updated_at: float
    pending_attributes: dict[str, str] | None = None


_FIND_USER = Prepared(
    sa.select(users).where(
        users.c.pool_id == sa.bindparam("pool_id"), users.c.username_key == sa.bindparam("key")
    )
)


def username_key(pool: PoolRecord, username: str) -> str:
    """The lookup form of a username in this pool."""
    return aliases.fold(pool, username)


def find_user(ctx: OpContext, pool_id: str, key: str) -> UserRecord | None:
    """The user with lookup key ``key``, or None."""
    row = _FIND_USER.first(ctx.conn, pool_id=pool_id, key=key)
    return None if row is None else UserRecord(**row)


def find_by_name(ctx: OpContext, pool: PoolRecord, name: str) -> UserRecord | None:
    """The user who signs in as ``name``: by username (or sub), else by alias; or None."""
    user = find_user(ctx, pool.id, username_key(pool, name))
    if user is not None:
        return user
    key = aliases.resolve(ctx, pool, name)
    return None if key is None else find_user(ctx, pool.id, key)


def get_user(
    ctx: OpContext, pool: PoolRecord, username: str, message: str = "User does not exist."
) -> UserRecord:
    """The user named ``username`` (or one of its aliases), or UserNotFoundException."""
    user = find_by_name(ctx, pool, username)
    if user is None:
        raise UserNotFoundException(message)
    return user


def reload(ctx: OpContext, user: UserRecord) -> UserRecord:
    """The user's row as it is now (after an update in this transaction)."""
    fresh = find_user(ctx, user.pool_id, user.username_key)
    if fresh is None:
        raise UserNotFoundException("User does not exist.")
    return fresh


def validate_attributes(pool: PoolRecord, items: list[dict[str, str]]) -> dict[str, str]:
    """The ``[{Name, Value}]`` list a client sent, checked against the schema, as a dict.

    See :func:`.attributes.validate_write` (this is its sign-up form, without an app client).
    """
    return attribute_rules.validate_write(pool, items)


def new_sub(ctx: OpContext) -> str:
    """A fresh random ``sub`` (UUID 4)."""
    return str(uuid.UUID(bytes=ctx.random_bytes(16), version=4))


def create_user(
    ctx: OpContext,
    pool: PoolRecord,
    username: str,
    attributes: dict[str, str],
    verifier: Verifier,
    *,
    sub: str | None = None,
    force_alias: bool = False,
) -> UserRecord:
    """Insert an UNCONFIRMED user (a fresh random ``sub`` unless given) and its aliases;
    ``force_alias`` (AdminCreateUser's ForceAliasCreation) takes a verified email / phone
    alias from the user who has it.

    With UsernameAttributes, ``username`` and ``sub`` are the same generated UUID and the
    verifier was made for it (the USER_ID_FOR_SRP).

    Raises:
        UsernameExistsException: the lookup key is taken (also when a concurrent sign-up won),
            or, with UsernameAttributes, another user has the email / phone.
        AliasExistsException: an alias (preferred_username) belongs to another user.
    """
    sub = sub or new_sub(ctx)
    values: dict[str, Any] = {
        "pool_id": pool.id,
        "username_key": username_key(pool, username),
        "username": username,
        "sub": sub,
        "status": UNCONFIRMED,
        "enabled": True,
        "attributes": {**attributes, "sub": sub},
        "password_salt": verifier.salt_hex,
        "password_verifier": verifier.verifier_hex,
        "password_set_at": ctx.now,
        "mfa": {},
        "failed_logins": 0,
        "locked_until": None,
        "tokens_valid_after": None,
        "pending_attributes": None,
        "created_at": ctx.now,
        "updated_at": ctx.now,
    }
    try:
        ctx.conn.execute(users.insert().values(**values))
    except IntegrityError as exc:
        raise UsernameExistsException("User already exists") from exc
    _claim_sign_up_aliases(ctx, pool, values["username_key"], values["attributes"], force_alias)
    return UserRecord(**values)


def _claim_sign_up_aliases(
    ctx: OpContext, pool: PoolRecord, key: str, attributes: dict[str, str], force: bool = False
) -> None:
    try:
        aliases.sync(ctx, pool, key, attributes, force=force)
    except AliasExistsException as exc:
        # With UsernameAttributes the email/phone *is* the user name: Cognito calls it that.
        if aliases.username_attributes(pool):
            raise UsernameExistsException(exc.message) from exc
        raise


def update_user(ctx: OpContext, user: UserRecord, **values: Any) -> None:
    """Write ``values`` to the user's row and bump ``updated_at``."""
    ctx.conn.execute(
        users.update()
        .where(users.c.pool_id == user.pool_id, users.c.username_key == user.username_key)
        .values(updated_at=ctx.now, **values)
    )


def set_attributes(
    ctx: OpContext,
    pool: PoolRecord,
    user: UserRecord,
    attributes: dict[str, str],
    pending: dict[str, str] | None = None,
    *,
    force_alias: bool = False,
) -> UserRecord:
    """Store the user's whole attribute map (and pending values), aliases first; the new row.

    Raises:
        AliasExistsException: a new sign-in name belongs to another user.
    """
    aliases.sync(ctx, pool, user.username_key, attributes, force=force_alias)
    update_user(ctx, user, attributes=attributes, pending_attributes=pending or None)
    return reload(ctx, user)


def confirm(
    ctx: OpContext,
    user: UserRecord,
    verified_attribute: str | None,
    *,
    force_alias: bool = False,
) -> None:
    """Mark the user CONFIRMED; ``verified_attribute`` (the code's channel) becomes verified.

    A newly verified email or phone becomes a sign-in alias where the pool has it as one;
    ``force_alias`` (ConfirmSignUp's ForceAliasCreation) takes it from another user.
    """
    attributes = dict(user.attributes)
    if verified_attribute is not None:
        attributes[f"{verified_attribute}_verified"] = "true"
    pool = load_pool(ctx.conn, user.pool_id)
    aliases.sync(ctx, pool, user.username_key, attributes, force=force_alias)
    update_user(ctx, user, status=CONFIRMED, attributes=attributes)


def set_password(ctx: OpContext, pool: PoolRecord, user: UserRecord, password: str) -> None:
    """Replace the user's verifier (the caller checked the policy); clears any lockout."""
    verifier = make_verifier(ctx, pool, user.username, password)
    update_user(
        ctx,
        user,
        password_salt=verifier.salt_hex,
        password_verifier=verifier.verifier_hex,
        password_set_at=ctx.now,
        failed_logins=0,
        locked_until=None,
    )


def _where(user: UserRecord) -> Any:
    return (users.c.pool_id == user.pool_id) & (users.c.username_key == user.username_key)


def record_login_failure(ctx: OpContext, user: UserRecord) -> None:
    """Count one failed login and lock the user out once there are too many (:mod:`.lockout`).

    The increment happens in SQL so concurrent failures are all counted.
    """
    ctx.conn.execute(
        users.update().where(_where(user)).values(failed_logins=users.c.failed_logins + 1)
    )
    failures = ctx.conn.execute(sa.select(users.c.failed_logins).where(_where(user))).scalar()
    until = lockout.locked_until(int(failures or 0), ctx.now)
    if until is not None:
        ctx.conn.execute(users.update().where(_where(user)).values(locked_until=until))


def record_login_success(ctx: OpContext, user: UserRecord) -> None:
    """A correct password resets the failure counter."""
    if user.failed_logins or user.locked_until is not None:
        update_user(ctx, user, failed_logins=0, locked_until=None)


def _rows_of(table: sa.Table, user: UserRecord) -> Any:
    """The condition selecting ``user``'s rows in ``table``, or None if it keeps none."""
    columns = table.c
    if table is users or table is outbox or "pool_id" not in columns:
        return None
    if "username_key" in columns:
        return (columns.pool_id == user.pool_id) & (columns.username_key == user.username_key)
    if "sub" in columns:
        return (columns.pool_id == user.pool_id) & (columns.sub == user.sub)
    return None


def delete_user(ctx: OpContext, user: UserRecord) -> None:
    """Remove the user and everything of theirs: every row keyed by the user in any table.

    Tables are found by their columns (``pool_id`` with ``username_key`` or ``sub``), so the
    data of later features (MFA secrets, devices...) goes too. The outbox is a log and stays.
    """
    for table in metadata.sorted_tables:
        where = _rows_of(table, user)
        if where is not None:
            ctx.conn.execute(table.delete().where(where))
    ctx.conn.execute(users.delete().where(_where(user)))


def attribute_list(values: Mapping[str, str]) -> list[dict[str, str]]:
    """Attributes as the wire lists them: ``[{"Name": ..., "Value": ...}]``, sub first."""
    names = sorted(values, key=lambda name: (name != "sub", name))
    return [{"Name": name, "Value": values[name]} for name in names]


def mfa_fields(user: UserRecord) -> dict[str, Any]:
    """MFAOptions / PreferredMfaSetting / UserMFASettingList, only those that are set."""
    keys = ("MFAOptions", "PreferredMfaSetting", "UserMFASettingList")
    return {key: user.mfa[key] for key in keys if user.mfa.get(key)}


def admin_view(user: UserRecord) -> dict[str, Any]:
    """The AdminGetUser response."""
    return {
        "Username": user.username,
        "UserAttributes": attribute_list(user.attributes),
        "UserCreateDate": user.created_at,
        "UserLastModifiedDate": user.updated_at,
        "Enabled": user.enabled,
        "UserStatus": user.status,
        **mfa_fields(user),
    }
