"""Listing a pool's users (ListUsers, ListUsersInGroup): the ``UserType`` shape and paging.

Users come in username-key order; a page token is the last key returned (base64), so a page
stays right when users are added or deleted between calls. The filter is applied while
reading, and reading stops once a page (plus one, to know there is more) is full.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from ...errors import InvalidParameterException
from ..ops import OpContext
from ..store.schema import users as users_table
from . import attributes, groups, user_filter
from .records import PoolRecord
from .users import UserRecord, attribute_list, mfa_fields

DEFAULT_LIMIT = 60
UNKNOWN_ATTRIBUTE = "One or more requested attributes do not exist."


def list_view(user: UserRecord, names: list[str] | None = None) -> dict[str, Any]:
    """The ``UserType`` of a listed user; only the attributes ``names`` when given."""
    listed = attribute_list(user.attributes)
    if names is not None:
        listed = [item for item in listed if item["Name"] in names]
    view: dict[str, Any] = {
        "Username": user.username,
        "Attributes": listed,
        "UserCreateDate": user.created_at,
        "UserLastModifiedDate": user.updated_at,
        "Enabled": user.enabled,
        "UserStatus": user.status,
    }
    options = mfa_fields(user).get("MFAOptions")
    if options:
        view["MFAOptions"] = options
    return view


def check_attribute_names(pool: PoolRecord, names: list[str] | None) -> None:
    """AttributesToGet may only name attributes of the pool's schema."""
    known = attributes.schema(pool)
    if names is not None and any(name not in known for name in names):
        raise InvalidParameterException(UNKNOWN_ATTRIBUTE)


def _rows(ctx: OpContext, pool: PoolRecord, after: str | None) -> Any:
    query = (
        sa.select(users_table)
        .where(users_table.c.pool_id == pool.id)
        .order_by(users_table.c.username_key)
    )
    if after is not None:
        query = query.where(users_table.c.username_key > after)
    return ctx.conn.execute(query).mappings()


def search(
    ctx: OpContext, pool: PoolRecord, text: str | None, limit: int | None, token: str | None
) -> tuple[list[UserRecord], str | None]:
    """One page of the users passing ``text`` (ListUsers' Filter) and the next token."""
    matches = user_filter.predicate(pool, user_filter.parse(text))
    size = limit or DEFAULT_LIMIT
    found: list[UserRecord] = []
    rows = _rows(ctx, pool, groups.decode_token(token))
    try:
        for row in rows:
            user = UserRecord(**row)
            if matches(user):
                found.append(user)
                if len(found) > size:
                    break
    finally:
        rows.close()  # stopped early: don't leave the cursor open in the transaction
    return groups.page_of(found, size, "username_key")
