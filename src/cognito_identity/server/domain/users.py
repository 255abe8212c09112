"""Users of a pool: lookup keys, creation, attributes, status and their wire shapes.

A user row keeps the SRP salt and verifier, never the password. The username lookup key is
lower-cased unless the pool's ``UsernameConfiguration.CaseSensitive`` is true; the primary key
``(pool_id, username_key)`` is what makes concurrent sign-ups produce exactly one user.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ...errors import (
    InvalidParameterException,
    NotAuthorizedException,
    UsernameExistsException,
    UserNotFoundException,
)
from ..ops import OpContext
from ..store.schema import users
from .passwords import Verifier
from .records import PoolRecord

UNCONFIRMED = "UNCONFIRMED"
CONFIRMED = "CONFIRMED"

#: The standard OpenID Connect attributes every pool has (``sub`` is set by the server).
STANDARD_ATTRIBUTES = frozenset(
    {
        "sub",
        "name",
        "given_name",
        "family_name",
        "middle_name",
        "nickname",
        "preferred_username",
        "profile",
        "picture",
        "website",
        "email",
        "email_verified",
        "gender",
        "birthdate",
        "zoneinfo",
        "locale",
        "phone_number",
        "phone_number_verified",
        "address",
        "updated_at",
    }
)
#: Attributes only the server (or an admin) may write: verification flags and the sub.
SERVER_ATTRIBUTES = frozenset({"sub", "email_verified", "phone_number_verified"})


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


def username_key(pool: PoolRecord, username: str) -> str:
    """The lookup form of a username in this pool."""
    config = pool.config.get("UsernameConfiguration") or {}
    return username if config.get("CaseSensitive") else username.lower()


def find_user(ctx: OpContext, pool_id: str, key: str) -> UserRecord | None:
    """The user with lookup key ``key``, or None."""
    row = (
        ctx.conn.execute(
            sa.select(users).where(users.c.pool_id == pool_id, users.c.username_key == key)
        )
        .mappings()
        .first()
    )
    return None if row is None else UserRecord(**row)


def get_user(
    ctx: OpContext, pool: PoolRecord, username: str, message: str = "User does not exist."
) -> UserRecord:
    """The user named ``username``, or UserNotFoundException with ``message``."""
    user = find_user(ctx, pool.id, username_key(pool, username))
    if user is None:
        raise UserNotFoundException(message)
    return user


def _schema_names(pool: PoolRecord) -> set[str]:
    return {str(item.get("Name")) for item in pool.config.get("SchemaAttributes") or []}


def validate_attributes(pool: PoolRecord, attributes: list[dict[str, str]]) -> dict[str, str]:
    """The ``[{Name, Value}]`` list a client sent, checked against the schema, as a dict.

    Raises:
        InvalidParameterException: an attribute is neither standard, in the schema, nor custom.
        NotAuthorizedException: the client tried to write a server-managed attribute.
    """
    known = STANDARD_ATTRIBUTES | _schema_names(pool)
    result: dict[str, str] = {}
    for item in attributes:
        name, value = item["Name"], item.get("Value", "")
        if name in SERVER_ATTRIBUTES:
            raise NotAuthorizedException("A client attempted to write unauthorized attribute")
        if name not in known and not name.startswith("custom:"):
            raise InvalidParameterException(
                f"Attributes did not conform to the schema: {name}: "
                "Attribute does not exist in the schema."
            )
        result[name] = value
    return result


def create_user(
    ctx: OpContext,
    pool: PoolRecord,
    username: str,
    attributes: dict[str, str],
    verifier: Verifier,
) -> UserRecord:
    """Insert an UNCONFIRMED user with a fresh random ``sub``.

    Raises:
        UsernameExistsException: the lookup key is taken (also when a concurrent sign-up won).
    """
    sub = str(uuid.UUID(bytes=ctx.random_bytes(16), version=4))
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
        "created_at": ctx.now,
        "updated_at": ctx.now,
    }
    try:
        ctx.conn.execute(users.insert().values(**values))
    except IntegrityError as exc:
        raise UsernameExistsException("User already exists") from exc
    return UserRecord(**values)


def update_user(ctx: OpContext, user: UserRecord, **values: Any) -> None:
    """Write ``values`` to the user's row and bump ``updated_at``."""
    ctx.conn.execute(
        users.update()
        .where(users.c.pool_id == user.pool_id, users.c.username_key == user.username_key)
        .values(updated_at=ctx.now, **values)
    )


def confirm(ctx: OpContext, user: UserRecord, verified_attribute: str | None) -> None:
    """Mark the user CONFIRMED; ``verified_attribute`` (the code's channel) becomes verified."""
    attributes = dict(user.attributes)
    if verified_attribute is not None:
        attributes[f"{verified_attribute}_verified"] = "true"
    update_user(ctx, user, status=CONFIRMED, attributes=attributes)


def record_login_failure(ctx: OpContext, user: UserRecord) -> None:
    """Count one failed login (the lockout policy reads this counter)."""
    ctx.conn.execute(
        users.update()
        .where(users.c.pool_id == user.pool_id, users.c.username_key == user.username_key)
        .values(failed_logins=users.c.failed_logins + 1)
    )


def record_login_success(ctx: OpContext, user: UserRecord) -> None:
    """A correct password resets the failure counter."""
    if user.failed_logins:
        update_user(ctx, user, failed_logins=0, locked_until=None)


def attribute_list(user: UserRecord) -> list[dict[str, str]]:
    """Attributes as the wire lists them: ``[{"Name": ..., "Value": ...}]``, sub first."""
    names = sorted(user.attributes, key=lambda name: (name != "sub", name))
    return [{"Name": name, "Value": user.attributes[name]} for name in names]


def mfa_fields(user: UserRecord) -> dict[str, Any]:
    """MFAOptions / PreferredMfaSetting / UserMFASettingList, only those that are set."""
    keys = ("MFAOptions", "PreferredMfaSetting", "UserMFASettingList")
    return {key: user.mfa[key] for key in keys if user.mfa.get(key)}


def admin_view(user: UserRecord) -> dict[str, Any]:
    """The AdminGetUser response."""
    return {
        "Username": user.username,
        "UserAttributes": attribute_list(user),
        "UserCreateDate": user.created_at,
        "UserLastModifiedDate": user.updated_at,
        "Enabled": user.enabled,
        "UserStatus": user.status,
        **mfa_fields(user),
    }
