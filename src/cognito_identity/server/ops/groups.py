"""Group operations: CreateGroup ... ListUsersInGroup, and group membership of users.

Admin operations (IAM credentials in Cognito). Group rules and token claims are in
:mod:`..domain.groups`.
"""

from __future__ import annotations

from typing import Any

from ..domain import groups, user_listing, users
from ..domain.records import PoolRecord, load_pool
from . import Body, OpContext, operation

# Request member -> column of the groups table.
_SETTINGS = {"Description": "description", "RoleArn": "role_arn", "Precedence": "precedence"}


def _settings(body: Body) -> dict[str, Any]:
    return {column: body[member] for member, column in _SETTINGS.items() if member in body}


def _pool_and_group(ctx: OpContext, body: Body) -> tuple[PoolRecord, groups.GroupRecord]:
    pool = load_pool(ctx.conn, body["UserPoolId"])
    return pool, groups.get(ctx, pool, body["GroupName"])


def _pool_user_group(ctx: OpContext, body: Body) -> tuple[users.UserRecord, groups.GroupRecord]:
    """The user and the group of a membership call (user looked up first, as Cognito)."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    user = users.get_user(ctx, pool, body["Username"])
    return user, groups.get(ctx, pool, body["GroupName"])


@operation("CreateGroup")
def create_group(ctx: OpContext, body: Body) -> Body:
    """A new group; GroupExistsException when the name is taken in the pool."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    group = groups.create(ctx, pool, body["GroupName"], _settings(body))
    return {"Group": groups.shape(group)}


@operation("GetGroup")
def get_group(ctx: OpContext, body: Body) -> Body:
    """One group."""
    _pool, group = _pool_and_group(ctx, body)
    return {"Group": groups.shape(group)}


@operation("UpdateGroup")
def update_group(ctx: OpContext, body: Body) -> Body:
    """Change the description, role or precedence given; the others stay."""
    _pool, group = _pool_and_group(ctx, body)
    return {"Group": groups.shape(groups.update(ctx, group, _settings(body)))}


@operation("DeleteGroup")
def delete_group(ctx: OpContext, body: Body) -> Body:
    """Remove the group; its members' next tokens no longer name it."""
    _pool, group = _pool_and_group(ctx, body)
    groups.delete(ctx, group)
    return {}


@operation("ListGroups")
def list_groups(ctx: OpContext, body: Body) -> Body:
    """The pool's groups by name, ``Limit`` (default 60) at a time."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    page, token = groups.list_groups(ctx, pool, body.get("Limit"), body.get("NextToken"))
    result: Body = {"Groups": [groups.shape(group) for group in page]}
    if token is not None:
        result["NextToken"] = token
    return result


@operation("AdminAddUserToGroup")
def admin_add_user_to_group(ctx: OpContext, body: Body) -> Body:
    """Make the user a member (again: no error)."""
    user, group = _pool_user_group(ctx, body)
    groups.add_member(ctx, group, user)
    return {}


@operation("AdminRemoveUserFromGroup")
def admin_remove_user_from_group(ctx: OpContext, body: Body) -> Body:
    """End the membership; tokens minted from now on leave the group out."""
    user, group = _pool_user_group(ctx, body)
    groups.remove_member(ctx, group, user)
    return {}


@operation("AdminListGroupsForUser")
def admin_list_groups_for_user(ctx: OpContext, body: Body) -> Body:
    """The user's groups by name, ``Limit`` (default 60) at a time."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    user = users.get_user(ctx, pool, body["Username"])
    limit = body.get("Limit") or groups.DEFAULT_PAGE
    page, token = groups.groups_of(ctx, user, limit, body.get("NextToken"))
    result: Body = {"Groups": [groups.shape(group) for group in page]}
    if token is not None:
        result["NextToken"] = token
    return result


@operation("ListUsersInGroup")
def list_users_in_group(ctx: OpContext, body: Body) -> Body:
    """The group's members as ListUsers shows users, ``Limit`` (default 60) at a time."""
    _pool, group = _pool_and_group(ctx, body)
    keys, token = groups.member_keys(ctx, group, body.get("Limit"), body.get("NextToken"))
    found = [users.find_user(ctx, group.pool_id, key) for key in keys]
    result: Body = {"Users": [user_listing.list_view(user) for user in found if user is not None]}
    if token is not None:
        result["NextToken"] = token
    return result
