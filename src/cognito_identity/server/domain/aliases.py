"""Sign-in names other than the username: UsernameAttributes and AliasAttributes.

Two pool settings make an attribute a sign-in name (Cognito allows one or the other):

* ``UsernameAttributes`` (``email`` and/or ``phone_number``): the user signs up *with* the
  email or phone; the internal username is a generated UUID (the ``sub``). The value is a
  sign-in name from the start, verified or not, and no two users may share it.
* ``AliasAttributes`` (``email``, ``phone_number``, ``preferred_username``): the user has a
  username and may also sign in with these, an email or phone once it is *verified*.

The ``aliases`` table maps ``<attribute>:<folded value>`` to the owner's username key; its
primary key makes a name belong to one user. This module works on plain values (it does not
import :mod:`.users`, which calls it), so every user lookup and attribute write shares it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ...errors import AliasExistsException, InvalidParameterException
from ..ops import OpContext
from ..store.schema import aliases, users
from .records import PoolRecord

VERIFIABLE = ("email", "phone_number")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+")
_PHONE = re.compile(r"\+[0-9]{4,15}")
_MAX_PLAIN_KEY = 300


def fold(pool: PoolRecord, text: str) -> str:
    """The lookup form of a name: lower-cased unless the pool is case sensitive."""
    config = pool.config.get("UsernameConfiguration") or {}
    return text if config.get("CaseSensitive") else text.lower()


def username_attributes(pool: PoolRecord) -> list[str]:
    """The pool's ``UsernameAttributes`` (empty when users pick a username)."""
    return list(pool.config.get("UsernameAttributes") or [])


def alias_attributes(pool: PoolRecord) -> list[str]:
    """The pool's ``AliasAttributes``."""
    return list(pool.config.get("AliasAttributes") or [])


def _key(pool: PoolRecord, attribute: str, value: str) -> str:
    # Emails are case-insensitive everywhere; phone numbers have no case.
    folded = value.lower() if attribute == "email" else fold(pool, value)
    key = f"{attribute}:{folded}"
    # Values may be 2048 characters; the column holds 320: long ones are stored as a digest.
    if len(key) > _MAX_PLAIN_KEY:
        key = f"{attribute}#{hashlib.sha256(folded.encode()).hexdigest()}"
    return key


def is_email(text: str) -> bool:
    """Whether ``text`` has the form of an email address."""
    return _EMAIL.fullmatch(text) is not None


def is_phone(text: str) -> bool:
    """Whether ``text`` has the E.164 form Cognito wants (``+`` and digits)."""
    return _PHONE.fullmatch(text) is not None


def desired(pool: PoolRecord, attributes: Mapping[str, str]) -> dict[str, str]:
    """The alias keys a user with ``attributes`` should own: key -> attribute name."""
    result: dict[str, str] = {}
    for name in username_attributes(pool):
        if attributes.get(name):
            result[_key(pool, name, attributes[name])] = name
    for name in alias_attributes(pool):
        value = attributes.get(name)
        verified = name not in VERIFIABLE or attributes.get(f"{name}_verified") == "true"
        if value and verified:
            result[_key(pool, name, value)] = name
    return result


def resolve(ctx: OpContext, pool: PoolRecord, name: str) -> str | None:
    """The username key of the user who signs in as ``name`` by one of its aliases, or None."""
    names = username_attributes(pool) or alias_attributes(pool)
    if not names:
        return None
    keys = [_key(pool, attribute, name) for attribute in names]
    row = ctx.conn.execute(
        sa.select(aliases.c.username_key).where(
            aliases.c.pool_id == pool.id, aliases.c.alias_key.in_(keys)
        )
    ).first()
    return None if row is None else str(row.username_key)


def conflict_message(attribute: str) -> str:
    """How Cognito words a taken email / phone / preferred username."""
    return f"An account with the given {attribute} already exists."


def _owned(ctx: OpContext, pool: PoolRecord, username_key: str) -> set[str]:
    rows = ctx.conn.execute(
        sa.select(aliases.c.alias_key).where(
            aliases.c.pool_id == pool.id, aliases.c.username_key == username_key
        )
    )
    return {str(row.alias_key) for row in rows}


def _owner(ctx: OpContext, pool: PoolRecord, alias_key: str) -> str | None:
    row = ctx.conn.execute(
        sa.select(aliases.c.username_key).where(
            aliases.c.pool_id == pool.id, aliases.c.alias_key == alias_key
        )
    ).first()
    return None if row is None else str(row.username_key)


def _drop(ctx: OpContext, pool: PoolRecord, keys: Iterable[str]) -> None:
    ctx.conn.execute(
        aliases.delete().where(aliases.c.pool_id == pool.id, aliases.c.alias_key.in_(list(keys)))
    )


def _unverify(ctx: OpContext, pool: PoolRecord, username_key: str, attribute: str) -> None:
    """The previous owner of a forced alias keeps the value, no longer verified (as Cognito)."""
    where = (users.c.pool_id == pool.id) & (users.c.username_key == username_key)
    row = ctx.conn.execute(sa.select(users.c.attributes).where(where)).first()
    if row is not None:
        changed = {**row.attributes, f"{attribute}_verified": "false"}
        ctx.conn.execute(users.update().where(where).values(attributes=changed))


def _claim(
    ctx: OpContext, pool: PoolRecord, username_key: str, key: str, attribute: str, force: bool
) -> None:
    owner = _owner(ctx, pool, key)
    if owner == username_key:
        return
    if owner is not None:
        # Only a verified email or phone can be taken over (ConfirmSignUp's ForceAliasCreation).
        if not force or attribute not in VERIFIABLE:
            raise AliasExistsException(conflict_message(attribute))
        _unverify(ctx, pool, owner, attribute)
        _drop(ctx, pool, [key])
    try:
        ctx.conn.execute(
            aliases.insert().values(pool_id=pool.id, alias_key=key, username_key=username_key)
        )
    except IntegrityError as exc:  # a concurrent request took it first
        raise AliasExistsException(conflict_message(attribute)) from exc


def sync(
    ctx: OpContext,
    pool: PoolRecord,
    username_key: str,
    attributes: Mapping[str, str],
    *,
    force: bool = False,
) -> None:
    """Make the user's alias rows match ``attributes`` (the values about to be stored).

    Raises:
        AliasExistsException: another user signs in with one of the names (and ``force`` is
            off, or the name is a preferred_username).
    """
    wanted = desired(pool, attributes)
    stale = _owned(ctx, pool, username_key) - wanted.keys()
    if stale:
        _drop(ctx, pool, stale)
    for key, attribute in wanted.items():
        _claim(ctx, pool, username_key, key, attribute, force)


def _username_format_error(pool: PoolRecord, username: str) -> str | None:
    """Why ``username`` can't be a SignUp Username in this pool, or None."""
    by = username_attributes(pool)
    if by:
        if ("email" in by and is_email(username)) or ("phone_number" in by and is_phone(username)):
            return None
        if by == ["email"]:
            return "Username should be an email."
        if by == ["phone_number"]:
            return "Username should be a phone number."
        return "Username should be either an email or a phone number."
    for attribute, looks_like in (("email", is_email), ("phone_number", is_phone)):
        if attribute in alias_attributes(pool) and looks_like(username):
            label = "email" if attribute == "email" else "phone number"
            return (
                f"Username cannot be of {label} format, since user pool is configured for "
                f"{attribute} alias."
            )
    return None


def check_sign_up_name(pool: PoolRecord, username: str) -> None:
    """InvalidParameterException when the SignUp Username has the wrong form for the pool."""
    error = _username_format_error(pool, username)
    if error is not None:
        raise InvalidParameterException(error)


def sign_up_attributes(pool: PoolRecord, username: str, attributes: dict[str, str]) -> None:
    """With UsernameAttributes the Username given *is* the email or phone: store it as such."""
    if username_attributes(pool):
        attribute = "email" if is_email(username) else "phone_number"
        attributes[attribute] = username
