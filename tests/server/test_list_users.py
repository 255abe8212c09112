"""ListUsers over boto3: filters (= and ^=), case, quoting, bad syntax, pages, AttributesToGet."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import PoolIds
from .helpers import confirmed_user, error_of, sign_up


def _names(boto: Any, pool: PoolIds, text: str) -> list[str]:
    users = boto.list_users(UserPoolId=pool.user_pool_id, Filter=text)["Users"]
    return [user["Username"] for user in users]


def _admin_user(boto: Any, pool: PoolIds, name: str, **attributes: str) -> None:
    boto.admin_create_user(
        UserPoolId=pool.user_pool_id,
        Username=name,
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": key, "Value": value} for key, value in attributes.items()],
    )


@pytest.fixture
def people(boto: Any, pool: PoolIds) -> PoolIds:
    confirmed_user(boto, pool, "alice")
    sign_up(boto, pool, "bob")  # UNCONFIRMED
    _admin_user(boto, pool, "Carol", given_name="Carol", family_name='O"Brien', email="c@x.org")
    _admin_user(boto, pool, "alfred", given_name="Al", phone_number="+15555550100")
    boto.admin_disable_user(UserPoolId=pool.user_pool_id, Username="alfred")
    return pool


def test_exact_and_prefix_filters(boto: Any, people: PoolIds) -> None:
    pool = people
    assert _names(boto, pool, 'username = "alice"') == ["alice"]
    assert _names(boto, pool, 'username ^= "al"') == ["alfred", "alice"]
    assert _names(boto, pool, 'email = "alice@example.com"') == ["alice"]
    assert _names(boto, pool, 'email ^= "bob@"') == ["bob"]
    assert _names(boto, pool, 'phone_number = "+15555550100"') == ["alfred"]
    assert _names(boto, pool, 'given_name ^= "Car"') == ["Carol"]
    assert _names(boto, pool, 'cognito:user_status = "UNCONFIRMED"') == ["bob"]
    assert _names(boto, pool, 'cognito:user_status = "FORCE_CHANGE_PASSWORD"') == [
        "alfred",
        "Carol",
    ]
    assert _names(boto, pool, 'status = "Disabled"') == ["alfred"]
    assert sorted(_names(boto, pool, 'status = "Enabled"')) == ["Carol", "alice", "bob"]
    sub = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="alice")["UserAttributes"][0]
    assert _names(boto, pool, f'sub = "{sub["Value"]}"') == ["alice"]
    assert _names(boto, pool, 'name = "nobody"') == []
    assert len(_names(boto, pool, "")) == 4  # empty: everyone


def test_case_spacing_and_quoting(boto: Any, people: PoolIds) -> None:
    pool = people
    # Usernames and emails match without case (the pool is case insensitive); others exactly.
    assert _names(boto, pool, 'username = "ALICE"') == ["alice"]
    assert _names(boto, pool, 'email = "C@X.ORG"') == ["Carol"]
    assert _names(boto, pool, 'given_name = "carol"') == []
    assert _names(boto, pool, 'username="alice"') == ["alice"]
    assert _names(boto, pool, '  username   ^=   "ali"  ') == ["alice"]
    assert _names(boto, pool, r'family_name = "O\"Brien"') == ["Carol"]


@pytest.mark.parametrize(
    "text",
    [
        "username = alice",
        'username == "alice"',
        'username = "alice',
        'custom:team = "x"',
        'nickname = "x"',
        'username = "a" and email = "b"',
        "garbage",
    ],
)
def test_bad_filters(boto: Any, people: PoolIds, text: str) -> None:
    with pytest.raises(ClientError) as raised:
        boto.list_users(UserPoolId=people.user_pool_id, Filter=text)
    assert error_of(raised) == ("InvalidParameterException", "Error while parsing filter.")


def test_attributes_to_get(boto: Any, people: PoolIds) -> None:
    users = boto.list_users(
        UserPoolId=people.user_pool_id, AttributesToGet=["email"], Filter='username = "alice"'
    )["Users"]
    assert users[0]["Attributes"] == [{"Name": "email", "Value": "alice@example.com"}]
    assert set(users[0]) >= {"Username", "UserStatus", "Enabled", "UserCreateDate"}
    users = boto.list_users(UserPoolId=people.user_pool_id, AttributesToGet=[])["Users"]
    assert all(user["Attributes"] == [] for user in users)
    with pytest.raises(ClientError) as raised:
        boto.list_users(UserPoolId=people.user_pool_id, AttributesToGet=["custom:nope"])
    assert error_of(raised)[0] == "InvalidParameterException"


def test_pagination_over_130_users(boto: Any, pool: PoolIds) -> None:
    for index in range(130):
        _admin_user(boto, pool, f"user{index:03}")
    seen: list[str] = []
    pages = 0
    token: str | None = None
    while True:
        extra = {} if token is None else {"PaginationToken": token}
        page = boto.list_users(UserPoolId=pool.user_pool_id, Limit=60, **extra)
        pages += 1
        seen += [user["Username"] for user in page["Users"]]
        token = page.get("PaginationToken")
        if token is None:
            break
    assert pages == 3 and seen == [f"user{index:03}" for index in range(130)]

    # The boto3 paginator follows the same token; a filter applies across pages.
    paginator = boto.get_paginator("list_users")
    filtered = [
        user["Username"]
        for page in paginator.paginate(
            UserPoolId=pool.user_pool_id,
            Filter='username ^= "user1"',
            PaginationConfig={"PageSize": 7},
        )
        for user in page["Users"]
    ]
    assert filtered == [f"user{index:03}" for index in range(100, 130)]


def test_limit_and_token_errors(boto: Any, pool: PoolIds) -> None:
    with pytest.raises(ClientError) as raised:  # the server checks the model's maximum
        boto.list_users(UserPoolId=pool.user_pool_id, Limit=61)
    assert error_of(raised)[0] == "InvalidParameterException"
    assert "less than or equal to 60" in error_of(raised)[1]
    with pytest.raises(ClientError) as raised:
        boto.list_users(UserPoolId=pool.user_pool_id, PaginationToken="%%%")
    assert error_of(raised)[0] == "InvalidParameterException"
    with pytest.raises(ClientError) as raised:
        boto.list_users(UserPoolId="us-east-1_nothere")
    assert error_of(raised)[0] == "ResourceNotFoundException"
