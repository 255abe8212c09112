"""ChangePassword, ForgotPassword and ConfirmForgotPassword over boto3."""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import Any

import httpx
import pytest
from botocore.exceptions import ClientError

from ..conftest import STRONG_PASSWORD, FakeClock, PoolIds, latest_code
from .helpers import confirmed_user, error_of, password_login, sign_up, srp_login
from .pool_helpers import client_secret, make_pool

pytestmark = pytest.mark.postgres  # also on PostgreSQL (tests/conftest.py)


NEW_PASSWORD = "N3w-Passw0rd!"


def _forgot(boto: Any, pool: PoolIds, username: str = "alice", **extra: Any) -> Any:
    return boto.forgot_password(ClientId=pool.client_id, Username=username, **extra)


def _confirm(
    boto: Any, pool: PoolIds, code: str, password: str = NEW_PASSWORD, **extra: Any
) -> Any:
    return boto.confirm_forgot_password(
        ClientId=pool.client_id,
        Username=extra.pop("Username", "alice"),
        ConfirmationCode=code,
        Password=password,
        **extra,
    )


def _error(call: Any, *args: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(*args, **kwargs)
    return error_of(excinfo)


def test_change_password_then_sign_in_with_the_new_one(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    token = password_login(boto, pool, "alice")["AccessToken"]
    assert (
        boto.change_password(
            PreviousPassword=STRONG_PASSWORD, ProposedPassword=NEW_PASSWORD, AccessToken=token
        )["ResponseMetadata"]["HTTPStatusCode"]
        == 200
    )
    assert srp_login(boto, pool, "alice", NEW_PASSWORD)["AccessToken"]
    assert _error(password_login, boto, pool, "alice")[1] == "Incorrect username or password."
    # Like Cognito, a password change leaves the sessions already open alone.
    assert boto.get_user(AccessToken=token)["Username"] == "alice"


def test_change_password_checks_the_policy_first(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    token = password_login(boto, pool, "alice")["AccessToken"]
    error = _error(
        boto.change_password,
        PreviousPassword=STRONG_PASSWORD,
        ProposedPassword="NoSymbols123",
        AccessToken=token,
    )
    assert error == (
        "InvalidPasswordException",
        "Password did not conform with policy: Password must have symbol characters",
    )
    assert password_login(boto, pool, "alice")["AccessToken"]


def test_forgot_password_sends_a_code_and_confirm_sets_the_password(
    boto: Any, pool: PoolIds
) -> None:
    confirmed_user(boto, pool, "alice")
    details = _forgot(boto, pool)["CodeDeliveryDetails"]
    assert details == {
        "Destination": "a***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    message = httpx.get(pool.endpoint + "_local/messages", params={"username": "alice"}).json()
    assert message["messages"][0]["kind"] == "forgot_password"
    _confirm(boto, pool, latest_code(pool.endpoint, pool.user_pool_id, "alice"))
    assert password_login(boto, pool, "alice", NEW_PASSWORD)["AccessToken"]


def test_reset_revokes_every_session(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    tokens = srp_login(boto, pool, "alice")
    _forgot(boto, pool)
    _confirm(boto, pool, latest_code(pool.endpoint, pool.user_pool_id, "alice"))
    assert _error(boto.get_user, AccessToken=tokens["AccessToken"]) == (
        "NotAuthorizedException",
        "Access Token has been revoked",
    )
    refresh = {"REFRESH_TOKEN": tokens["RefreshToken"]}
    assert _error(
        boto.initiate_auth,
        ClientId=pool.client_id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters=refresh,
    ) == ("NotAuthorizedException", "Refresh Token has been revoked")
    fresh = password_login(boto, pool, "alice", NEW_PASSWORD)
    assert boto.get_user(AccessToken=fresh["AccessToken"])["Username"] == "alice"


def test_wrong_reused_and_weak(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    _forgot(boto, pool)
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    wrong = "000000" if code != "000000" else "111111"
    assert _error(_confirm, boto, pool, wrong) == (
        "CodeMismatchException",
        "Invalid verification code provided, please try again.",
    )
    assert _error(_confirm, boto, pool, code, "weak")[0] == "InvalidPasswordException"
    _confirm(boto, pool, code)  # neither the wrong guess nor the weak password spent it
    assert _error(_confirm, boto, pool, code)[0] == "ExpiredCodeException"


def test_code_expires_after_an_hour(boto: Any, pool: PoolIds, clock: FakeClock) -> None:
    confirmed_user(boto, pool, "alice")
    _forgot(boto, pool)
    clock.advance(3601)
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    assert _error(_confirm, boto, pool, code) == (
        "ExpiredCodeException",
        "Invalid code provided, please request a code again.",
    )


def test_attempt_limit(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    _forgot(boto, pool)
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert _error(_confirm, boto, pool, wrong)[0] == "CodeMismatchException"
    assert _error(_confirm, boto, pool, code) == (
        "LimitExceededException",
        "Attempt limit exceeded, please try after some time.",
    )


def test_asking_for_codes_is_rate_limited(boto: Any, pool: PoolIds, clock: FakeClock) -> None:
    confirmed_user(boto, pool, "alice")
    for _ in range(10):
        _forgot(boto, pool)
    assert _error(_forgot, boto, pool)[0] == "LimitExceededException"
    clock.advance(3601)
    assert _forgot(boto, pool)["CodeDeliveryDetails"]


def test_forgot_password_needs_a_verified_channel(boto: Any, pool: PoolIds) -> None:
    sign_up(boto, pool, "alice")  # unconfirmed: the email is not verified yet
    assert _error(_forgot, boto, pool) == (
        "InvalidParameterException",
        "Cannot reset password for the user as there is no registered/verified email or "
        "phone_number",
    )


def test_unknown_user_legacy(boto: Any, pool: PoolIds) -> None:
    assert _error(_forgot, boto, pool, "nobody")[0] == "UserNotFoundException"
    assert _error(_confirm, boto, pool, "123456", Username="nobody")[0] == "UserNotFoundException"


def _secret_hash(secret: str, username: str, client_id: str) -> str:
    digest = hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def test_secret_hash_is_required_with_a_client_secret(boto: Any, live_server: Any) -> None:
    pool = make_pool(boto, live_server.endpoint, client={"GenerateSecret": True})
    secret = client_secret(boto, pool)
    good = _secret_hash(secret, "alice", pool.client_id)
    boto.sign_up(
        ClientId=pool.client_id,
        Username="alice",
        Password=STRONG_PASSWORD,
        SecretHash=good,
        UserAttributes=[{"Name": "email", "Value": "alice@example.com"}],
    )
    boto.admin_confirm_sign_up(UserPoolId=pool.user_pool_id, Username="alice")
    missing = _error(_forgot, boto, pool)
    assert missing == (
        "NotAuthorizedException",
        f"Client {pool.client_id} is configured for secret but secret was not received",
    )
    bad = _secret_hash("not-the-secret", "alice", pool.client_id)
    assert _error(_forgot, boto, pool, SecretHash=bad) == (
        "NotAuthorizedException",
        f"Unable to verify secret hash for client {pool.client_id}",
    )
    assert _error(_confirm, boto, pool, "123456", SecretHash=bad)[0] == "NotAuthorizedException"
    # With the right hash the request gets past the check (to the missing verified email).
    assert _error(_forgot, boto, pool, SecretHash=good)[0] == "InvalidParameterException"
