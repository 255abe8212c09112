"""Sign-in names other than the username: UsernameAttributes and AliasAttributes."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from ..conftest import STRONG_PASSWORD, PoolIds, latest_code
from .helpers import error_of, password_login, sign_up, srp_answer, srp_responses, srp_start
from .pool_helpers import attributes_of, make_pool


def _error(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(*args, **kwargs)
    return error_of(excinfo)


def _email(address: str) -> list[dict[str, str]]:
    return [{"Name": "email", "Value": address}]


def _confirm(boto: Any, pool: PoolIds, username: str, code_for: str, **extra: Any) -> Any:
    code = latest_code(pool.endpoint, pool.user_pool_id, code_for)
    return boto.confirm_sign_up(
        ClientId=pool.client_id, Username=username, ConfirmationCode=code, **extra
    )


@pytest.fixture
def email_pool(boto: Any, live_server: Any) -> PoolIds:
    return make_pool(boto, live_server.endpoint, UsernameAttributes=["email"])


@pytest.fixture
def alias_pool(boto: Any, live_server: Any) -> PoolIds:
    return make_pool(boto, live_server.endpoint, AliasAttributes=["email", "preferred_username"])


def test_email_as_username_makes_the_sub_the_username(boto: Any, email_pool: PoolIds) -> None:
    pool = email_pool
    sub = boto.sign_up(
        ClientId=pool.client_id, Username="Alice@Example.com", Password=STRONG_PASSWORD
    )["UserSub"]
    _confirm(boto, pool, "alice@example.com", sub)
    user = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="alice@example.com")
    assert user["Username"] == sub
    assert {"Name": "email", "Value": "Alice@Example.com"} in user["UserAttributes"]
    client, challenge = srp_start(boto, pool, "alice@example.com")
    assert challenge["ChallengeParameters"]["USER_ID_FOR_SRP"] == sub
    responses = srp_responses(pool, client, challenge, STRONG_PASSWORD)
    tokens = srp_answer(boto, pool, responses, challenge["Session"])["AuthenticationResult"]
    assert boto.get_user(AccessToken=tokens["AccessToken"])["Username"] == sub
    assert password_login(boto, pool, "ALICE@example.com")["AccessToken"]
    assert boto.forgot_password(ClientId=pool.client_id, Username="alice@example.com")


def test_email_as_username_rules(boto: Any, email_pool: PoolIds) -> None:
    pool = email_pool
    assert _error(
        boto.sign_up, ClientId=pool.client_id, Username="alice", Password=STRONG_PASSWORD
    ) == ("InvalidParameterException", "Username should be an email.")
    boto.sign_up(ClientId=pool.client_id, Username="alice@example.com", Password=STRONG_PASSWORD)
    assert _error(
        boto.sign_up,
        ClientId=pool.client_id,
        Username="ALICE@example.com",
        Password=STRONG_PASSWORD,
    ) == ("UsernameExistsException", "An account with the given email already exists.")


def test_email_alias_works_once_verified(boto: Any, alias_pool: PoolIds) -> None:
    pool = alias_pool
    sign_up(boto, pool, "alice")
    assert _error(password_login, boto, pool, "alice@example.com")[0] == "UserNotFoundException"
    _confirm(boto, pool, "alice", "alice")
    client, challenge = srp_start(boto, pool, "Alice@Example.com")
    assert challenge["ChallengeParameters"]["USER_ID_FOR_SRP"] == "alice"
    responses = srp_responses(pool, client, challenge, STRONG_PASSWORD)
    assert srp_answer(boto, pool, responses, challenge["Session"])["AuthenticationResult"]
    user = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="alice@example.com")
    assert user["Username"] == "alice"


def test_username_may_not_look_like_an_alias(boto: Any, alias_pool: PoolIds) -> None:
    error = _error(sign_up, boto, alias_pool, "bob@example.com")
    assert error == (
        "InvalidParameterException",
        "Username cannot be of email format, since user pool is configured for email alias.",
    )


def test_alias_conflict_and_force_alias_creation(boto: Any, alias_pool: PoolIds) -> None:
    pool = alias_pool
    sign_up(boto, pool, "alice", UserAttributes=_email("shared@example.com"))
    _confirm(boto, pool, "alice", "alice")
    sign_up(boto, pool, "bob", UserAttributes=_email("shared@example.com"))
    assert _error(_confirm, boto, pool, "bob", "bob") == (
        "AliasExistsException",
        "An account with the given email already exists.",
    )
    _confirm(boto, pool, "bob", "bob", ForceAliasCreation=True)  # the same code still works
    assert password_login(boto, pool, "shared@example.com")["AccessToken"]
    owner = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="shared@example.com")
    assert owner["Username"] == "bob"
    alice = boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="alice")
    assert {"Name": "email_verified", "Value": "false"} in alice["UserAttributes"]


def test_preferred_username_alias(boto: Any, alias_pool: PoolIds) -> None:
    pool = alias_pool
    nick = [{"Name": "preferred_username", "Value": "Ally"}]
    sign_up(boto, pool, "alice", UserAttributes=_email("alice@example.com") + nick)
    _confirm(boto, pool, "alice", "alice")
    assert password_login(boto, pool, "ally")["AccessToken"]
    error = _error(sign_up, boto, pool, "bob", UserAttributes=nick)
    assert error == (
        "AliasExistsException",
        "An account with the given preferred_username already exists.",
    )
    sign_up(boto, pool, "bob")
    _confirm(boto, pool, "bob", "bob")
    token = password_login(boto, pool, "bob")["AccessToken"]
    update = [{"Name": "preferred_username", "Value": "ALLY"}]
    error = _error(boto.update_user_attributes, AccessToken=token, UserAttributes=update)
    assert error[0] == "AliasExistsException"
    update = [{"Name": "preferred_username", "Value": "bobby"}]
    boto.update_user_attributes(AccessToken=token, UserAttributes=update)
    assert attributes_of(boto, password_login(boto, pool, "Bobby")["AccessToken"])["sub"]


def test_long_aliases_are_stored_and_found(boto: Any, alias_pool: PoolIds) -> None:
    pool = alias_pool
    long_name = "n" * 1500
    nick = [{"Name": "preferred_username", "Value": long_name}]
    sign_up(boto, pool, "alice", UserAttributes=_email("alice@example.com") + nick)
    _confirm(boto, pool, "alice", "alice")
    assert password_login(boto, pool, long_name.upper())["AccessToken"]
