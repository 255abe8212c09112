"""Groups over boto3: CRUD, membership, pagination, and the group claims in tokens."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import PoolIds
from .helpers import confirmed_user, error_of, password_login

ROLE_A = "arn:aws:iam::000000000000:role/a"
ROLE_B = "arn:aws:iam::000000000000:role/b"


def claims_of(token: str) -> Any:
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))


def _group(boto: Any, pool: PoolIds, name: str, **extra: Any) -> Any:
    return boto.create_group(UserPoolId=pool.user_pool_id, GroupName=name, **extra)["Group"]


def _add(boto: Any, pool: PoolIds, user: str, group: str) -> None:
    boto.admin_add_user_to_group(UserPoolId=pool.user_pool_id, Username=user, GroupName=group)


def test_create_get_update_delete_group(boto: Any, pool: PoolIds) -> None:
    created = _group(boto, pool, "admins", Description="the admins", Precedence=3)
    assert created["GroupName"] == "admins" and created["Precedence"] == 3
    assert "RoleArn" not in created and created["UserPoolId"] == pool.user_pool_id

    got = boto.get_group(UserPoolId=pool.user_pool_id, GroupName="admins")["Group"]
    assert got["Description"] == "the admins"

    updated = boto.update_group(
        UserPoolId=pool.user_pool_id, GroupName="admins", RoleArn=ROLE_A, Precedence=1
    )["Group"]
    assert updated["RoleArn"] == ROLE_A and updated["Precedence"] == 1
    assert updated["Description"] == "the admins"  # not given: kept

    boto.delete_group(UserPoolId=pool.user_pool_id, GroupName="admins")
    with pytest.raises(ClientError) as raised:
        boto.get_group(UserPoolId=pool.user_pool_id, GroupName="admins")
    assert error_of(raised) == ("ResourceNotFoundException", "Group not found.")


def test_group_errors(boto: Any, pool: PoolIds) -> None:
    _group(boto, pool, "g")
    with pytest.raises(ClientError) as raised:
        _group(boto, pool, "g")
    assert error_of(raised) == ("GroupExistsException", "A group with the name already exists.")
    _group(boto, pool, "G")  # names are case sensitive

    confirmed_user(boto, pool, "alice")
    with pytest.raises(ClientError) as raised:
        _add(boto, pool, "alice", "missing")
    assert error_of(raised)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as raised:
        _add(boto, pool, "nobody", "g")
    assert error_of(raised) == ("UserNotFoundException", "User does not exist.")
    with pytest.raises(ClientError) as raised:
        boto.delete_group(UserPoolId=pool.user_pool_id, GroupName="missing")
    assert error_of(raised)[0] == "ResourceNotFoundException"
    with pytest.raises(ClientError) as raised:
        boto.list_groups(UserPoolId="us-east-1_missing")
    assert error_of(raised)[0] == "ResourceNotFoundException"


def test_list_groups_paginates(boto: Any, pool: PoolIds) -> None:
    names = [f"group-{i:02}" for i in range(7)]
    for name in names:
        _group(boto, pool, name)
    first = boto.list_groups(UserPoolId=pool.user_pool_id, Limit=5)
    assert [g["GroupName"] for g in first["Groups"]] == names[:5]
    rest = boto.list_groups(UserPoolId=pool.user_pool_id, Limit=5, NextToken=first["NextToken"])
    assert [g["GroupName"] for g in rest["Groups"]] == names[5:]
    assert "NextToken" not in rest


def test_membership_operations(boto: Any, pool: PoolIds) -> None:
    for name in ("alice", "bob", "carol"):
        confirmed_user(boto, pool, name)
    _group(boto, pool, "staff")
    _group(boto, pool, "ops")
    for name in ("alice", "bob", "carol"):
        _add(boto, pool, name, "staff")
    _add(boto, pool, "alice", "staff")  # again: no error, no duplicate
    _add(boto, pool, "alice", "ops")

    listed = boto.admin_list_groups_for_user(UserPoolId=pool.user_pool_id, Username="alice")
    assert [g["GroupName"] for g in listed["Groups"]] == ["ops", "staff"]

    first = boto.list_users_in_group(UserPoolId=pool.user_pool_id, GroupName="staff", Limit=2)
    assert [u["Username"] for u in first["Users"]] == ["alice", "bob"]
    assert first["Users"][0]["UserStatus"] == "CONFIRMED" and first["Users"][0]["Enabled"]
    rest = boto.list_users_in_group(
        UserPoolId=pool.user_pool_id, GroupName="staff", Limit=2, NextToken=first["NextToken"]
    )
    assert [u["Username"] for u in rest["Users"]] == ["carol"] and "NextToken" not in rest

    boto.admin_remove_user_from_group(
        UserPoolId=pool.user_pool_id, Username="bob", GroupName="staff"
    )
    members = boto.list_users_in_group(UserPoolId=pool.user_pool_id, GroupName="staff")
    assert [u["Username"] for u in members["Users"]] == ["alice", "carol"]


def test_deleting_users_and_groups_removes_memberships(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    _group(boto, pool, "staff")
    _add(boto, pool, "alice", "staff")
    boto.admin_delete_user(UserPoolId=pool.user_pool_id, Username="alice")
    members = boto.list_users_in_group(UserPoolId=pool.user_pool_id, GroupName="staff")
    assert members["Users"] == []

    confirmed_user(boto, pool, "alice")  # the same name again starts with no groups
    listed = boto.admin_list_groups_for_user(UserPoolId=pool.user_pool_id, Username="alice")
    assert listed["Groups"] == []

    _add(boto, pool, "alice", "staff")
    boto.delete_group(UserPoolId=pool.user_pool_id, GroupName="staff")
    _group(boto, pool, "staff")
    members = boto.list_users_in_group(UserPoolId=pool.user_pool_id, GroupName="staff")
    assert members["Users"] == []


def test_groups_in_token_claims(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    _group(boto, pool, "zeta", Precedence=1, RoleArn=ROLE_B)
    _group(boto, pool, "alpha", Precedence=5, RoleArn=ROLE_A)
    _group(boto, pool, "beta", Precedence=5)
    _group(boto, pool, "none")  # no precedence: last
    for name in ("none", "beta", "alpha", "zeta"):
        _add(boto, pool, "alice", name)

    tokens = password_login(boto, pool, "alice")
    id_claims = claims_of(tokens["IdToken"])
    access_claims = claims_of(tokens["AccessToken"])
    assert id_claims["cognito:groups"] == ["zeta", "alpha", "beta", "none"]
    assert access_claims["cognito:groups"] == ["zeta", "alpha", "beta", "none"]
    assert id_claims["cognito:roles"] == [ROLE_B, ROLE_A]
    assert id_claims["cognito:preferred_role"] == ROLE_B
    assert "cognito:roles" not in access_claims

    # Removal shows in the next token, a refreshed one included.
    boto.admin_remove_user_from_group(
        UserPoolId=pool.user_pool_id, Username="alice", GroupName="zeta"
    )
    refreshed = boto.initiate_auth(
        ClientId=pool.client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": tokens["RefreshToken"]},
    )["AuthenticationResult"]
    id_claims = claims_of(refreshed["IdToken"])
    assert id_claims["cognito:groups"] == ["alpha", "beta", "none"]
    assert id_claims["cognito:preferred_role"] == ROLE_A


def test_tied_precedence_has_no_preferred_role_and_no_groups_no_claims(
    boto: Any, pool: PoolIds
) -> None:
    confirmed_user(boto, pool, "alice")
    assert "cognito:groups" not in claims_of(password_login(boto, pool, "alice")["IdToken"])
    _group(boto, pool, "a", Precedence=2, RoleArn=ROLE_A)
    _group(boto, pool, "b", Precedence=2, RoleArn=ROLE_B)
    _add(boto, pool, "alice", "a")
    _add(boto, pool, "alice", "b")
    claims = claims_of(password_login(boto, pool, "alice")["IdToken"])
    assert claims["cognito:roles"] == [ROLE_A, ROLE_B]
    assert "cognito:preferred_role" not in claims
