"""User pool groups: the groups themselves, their members, and the claims they put in tokens.

A group has an optional ``Precedence`` (lower wins) and an optional IAM ``RoleArn``. Tokens
list the user's groups in ``cognito:groups`` ordered by precedence (groups without one last),
then by name; the ID token also carries the roles (``cognito:roles``) and the role of the
winning group (``cognito:preferred_role``). Memberships are keyed by the user's username key,
so deleting a user or a pool removes them (see :func:`.users.delete_user`).
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ...errors import GroupExistsException, InvalidParameterException, ResourceNotFoundException
from ..ops import OpContext
from ..store.prepared import Prepared
from ..store.schema import group_members, groups
from .records import PoolRecord
from .users import UserRecord

DEFAULT_PAGE = 60
BAD_TOKEN = "Invalid pagination token."


@dataclass(frozen=True)
class GroupRecord:
    """One row of ``groups``."""

    pool_id: str
    group_name: str
    description: str | None
    role_arn: str | None
    precedence: int | None
    created_at: float
    updated_at: float


def shape(group: GroupRecord) -> dict[str, Any]:
    """The wire ``GroupType`` (optional members only when set)."""
    result: dict[str, Any] = {
        "GroupName": group.group_name,
        "UserPoolId": group.pool_id,
        "LastModifiedDate": group.updated_at,
        "CreationDate": group.created_at,
    }
    optional = {
        "Description": group.description,
        "RoleArn": group.role_arn,
        "Precedence": group.precedence,
    }
    result.update({key: value for key, value in optional.items() if value is not None})
    return result


def _where(pool_id: str, name: str) -> Any:
    return (groups.c.pool_id == pool_id) & (groups.c.group_name == name)


def find(ctx: OpContext, pool_id: str, name: str) -> GroupRecord | None:
    """The group, or None."""
    row = ctx.conn.execute(sa.select(groups).where(_where(pool_id, name))).mappings().first()
    return None if row is None else GroupRecord(**row)


def get(ctx: OpContext, pool: PoolRecord, name: str) -> GroupRecord:
    """The group, or ResourceNotFoundException as Cognito words it."""
    group = find(ctx, pool.id, name)
    if group is None:
        raise ResourceNotFoundException("Group not found.")
    return group


def create(ctx: OpContext, pool: PoolRecord, name: str, settings: dict[str, Any]) -> GroupRecord:
    """Insert a group (``settings``: description, role_arn, precedence)."""
    try:
        ctx.conn.execute(
            groups.insert().values(
                pool_id=pool.id,
                group_name=name,
                created_at=ctx.now,
                updated_at=ctx.now,
                **settings,
            )
        )
    except IntegrityError as exc:
        raise GroupExistsException("A group with the name already exists.") from exc
    return get(ctx, pool, name)


def update(ctx: OpContext, group: GroupRecord, settings: dict[str, Any]) -> GroupRecord:
    """Write the given settings (left-out ones keep their value); the updated group."""
    ctx.conn.execute(
        groups.update()
        .where(_where(group.pool_id, group.group_name))
        .values(updated_at=ctx.now, **settings)
    )
    fresh = find(ctx, group.pool_id, group.group_name)
    assert fresh is not None  # updated in this transaction
    return fresh


def delete(ctx: OpContext, group: GroupRecord) -> None:
    """Remove the group and its memberships."""
    ctx.conn.execute(
        group_members.delete().where(
            (group_members.c.pool_id == group.pool_id)
            & (group_members.c.group_name == group.group_name)
        )
    )
    ctx.conn.execute(groups.delete().where(_where(group.pool_id, group.group_name)))


def _member_where(group: GroupRecord, user: UserRecord) -> Any:
    return (
        (group_members.c.pool_id == group.pool_id)
        & (group_members.c.group_name == group.group_name)
        & (group_members.c.username_key == user.username_key)
    )


def add_member(ctx: OpContext, group: GroupRecord, user: UserRecord) -> None:
    """Put the user in the group (already a member: nothing happens, as in Cognito)."""
    present = ctx.conn.execute(sa.select(group_members).where(_member_where(group, user))).first()
    if present is None:
        ctx.conn.execute(
            group_members.insert().values(
                pool_id=group.pool_id,
                group_name=group.group_name,
                username_key=user.username_key,
                added_at=ctx.now,
            )
        )


def remove_member(ctx: OpContext, group: GroupRecord, user: UserRecord) -> None:
    """Take the user out of the group (not a member: nothing happens)."""
    ctx.conn.execute(group_members.delete().where(_member_where(group, user)))


def encode_token(value: str) -> str:
    """An opaque page token for the last key returned."""
    return base64.urlsafe_b64encode(value.encode()).decode()


def decode_token(token: str | None) -> str | None:
    """The key a page token stands for; InvalidParameterException if it is not one of ours."""
    if not token:
        return None
    try:
        return base64.b64decode(token.encode(), altchars=b"-_", validate=True).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise InvalidParameterException(BAD_TOKEN) from exc


def page_of(rows: list[Any], limit: int, key: str) -> tuple[list[Any], str | None]:
    """The first ``limit`` of ``rows`` (fetched one extra) and the next token, if more."""
    page = rows[:limit]
    if len(rows) > limit and page:
        return page, encode_token(str(getattr(page[-1], key)))
    return page, None


def list_groups(
    ctx: OpContext, pool: PoolRecord, limit: int | None, token: str | None
) -> tuple[list[GroupRecord], str | None]:
    """The pool's groups by name, a page at a time."""
    size = limit or DEFAULT_PAGE
    query = sa.select(groups).where(groups.c.pool_id == pool.id).order_by(groups.c.group_name)
    after = decode_token(token)
    if after is not None:
        query = query.where(groups.c.group_name > after)
    rows = ctx.conn.execute(query.limit(size + 1)).mappings().all()
    page, next_token = page_of([GroupRecord(**row) for row in rows], size, "group_name")
    return page, next_token


# The groups of one user (pool_id, key), by name. Every sign-in and refresh reads them for
# the tokens' claims, so the statement is compiled once (store/prepared.py).
_USER_GROUPS = (
    sa.select(groups)
    .select_from(
        groups.join(
            group_members,
            (groups.c.pool_id == group_members.c.pool_id)
            & (groups.c.group_name == group_members.c.group_name),
        )
    )
    .where(
        group_members.c.pool_id == sa.bindparam("pool_id"),
        group_members.c.username_key == sa.bindparam("key"),
    )
    .order_by(groups.c.group_name)
)
_ALL_USER_GROUPS = Prepared(_USER_GROUPS)


def member_groups(ctx: OpContext, user: UserRecord) -> list[GroupRecord]:
    """Every group the user is in, by name."""
    rows = _ALL_USER_GROUPS.all(ctx.conn, pool_id=user.pool_id, key=user.username_key)
    return [GroupRecord(**row) for row in rows]


def groups_of(
    ctx: OpContext, user: UserRecord, limit: int | None, token: str | None
) -> tuple[list[GroupRecord], str | None]:
    """The user's groups by name, a page at a time."""
    query = _USER_GROUPS.params(pool_id=user.pool_id, key=user.username_key)
    after = decode_token(token)
    if after is not None:
        query = query.where(groups.c.group_name > after)
    size = limit or DEFAULT_PAGE
    rows = ctx.conn.execute(query.limit(size + 1)).mappings().all()
    return page_of([GroupRecord(**row) for row in rows], size, "group_name")


def member_keys(
    ctx: OpContext, group: GroupRecord, limit: int | None, token: str | None
) -> tuple[list[str], str | None]:
    """Username keys of the group's members in key order, a page at a time."""
    size = limit or DEFAULT_PAGE
    query = (
        sa.select(group_members.c.username_key)
        .where(
            group_members.c.pool_id == group.pool_id,
            group_members.c.group_name == group.group_name,
        )
        .order_by(group_members.c.username_key)
    )
    after = decode_token(token)
    if after is not None:
        query = query.where(group_members.c.username_key > after)
    rows = ctx.conn.execute(query.limit(size + 1)).all()
    page, next_token = page_of(list(rows), size, "username_key")
    return [str(row.username_key) for row in page], next_token


def _claim_order(group: GroupRecord) -> tuple[bool, int, str]:
    return (group.precedence is None, group.precedence or 0, group.group_name)


def _preferred_role(ordered: list[GroupRecord]) -> str | None:
    """The role of the group with the lowest precedence among those with a role; none when
    that precedence is missing or shared by another group with a role (as in Cognito)."""
    with_roles = [group for group in ordered if group.role_arn]
    if not with_roles or with_roles[0].precedence is None:
        return None
    best = with_roles[0].precedence
    if sum(1 for group in with_roles if group.precedence == best) > 1:
        return None
    return with_roles[0].role_arn


def token_claims(member_of: list[GroupRecord], *, id_token: bool) -> dict[str, Any]:
    """``cognito:groups`` (and, for ID tokens, roles) of a user in any group; else nothing."""
    ordered = sorted(member_of, key=_claim_order)
    if not ordered:
        return {}
    claims: dict[str, Any] = {"cognito:groups": [group.group_name for group in ordered]}
    if not id_token:
        return claims
    roles = [group.role_arn for group in ordered if group.role_arn]
    if roles:
        claims["cognito:roles"] = list(dict.fromkeys(roles))
    preferred = _preferred_role(ordered)
    if preferred is not None:
        claims["cognito:preferred_role"] = preferred
    return claims
