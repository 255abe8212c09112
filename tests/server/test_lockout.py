"""Brute force: consecutive wrong passwords lock the user out for a growing time."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from cognito_identity.server.domain import lockout

from ..conftest import STRONG_PASSWORD, FakeClock, PoolIds
from .helpers import confirmed_user, error_of, password_login, srp_login

LOCKED = ("NotAuthorizedException", "Password attempts exceeded")
WRONG = ("NotAuthorizedException", "Incorrect username or password.")


def _fail(boto: Any, pool: PoolIds, login: Any = password_login) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        login(boto, pool, "alice", "Wr0ng-Password!")
    return error_of(excinfo)


def test_lock_grows_from_one_second_to_fifteen_minutes() -> None:
    assert [lockout.lock_seconds(n) for n in range(1, 9)] == [0, 0, 0, 0, 1, 2, 4, 8]
    assert lockout.lock_seconds(15) == 900
    assert lockout.lock_seconds(10_000) == 900


def test_fifth_failure_locks_even_the_right_password(
    boto: Any, pool: PoolIds, clock: FakeClock
) -> None:
    confirmed_user(boto, pool, "alice")
    assert [_fail(boto, pool) for _ in range(5)] == [WRONG] * 5
    with pytest.raises(ClientError) as excinfo:
        password_login(boto, pool, "alice")
    assert error_of(excinfo) == LOCKED
    with pytest.raises(ClientError) as excinfo:
        srp_login(boto, pool, "alice")
    assert error_of(excinfo) == LOCKED
    clock.advance(1.5)
    assert password_login(boto, pool, "alice")["AccessToken"]


def test_lock_doubles_and_a_success_resets_the_count(
    boto: Any, pool: PoolIds, clock: FakeClock
) -> None:
    confirmed_user(boto, pool, "alice")
    for _ in range(5):
        _fail(boto, pool, srp_login)
    clock.advance(1.5)
    assert _fail(boto, pool, srp_login) == WRONG  # 6th failure: locked for 2 s
    clock.advance(1.5)
    assert _fail(boto, pool) == LOCKED  # refused without counting
    clock.advance(1)
    assert srp_login(boto, pool, "alice")["AccessToken"]
    assert [_fail(boto, pool) for _ in range(4)] == [WRONG] * 4  # counting from zero again
    assert password_login(boto, pool, "alice")["AccessToken"]


def test_change_password_counts_wrong_previous_passwords(
    boto: Any, pool: PoolIds, clock: FakeClock
) -> None:
    confirmed_user(boto, pool, "alice")
    token = password_login(boto, pool, "alice")["AccessToken"]
    for _ in range(5):
        with pytest.raises(ClientError) as excinfo:
            boto.change_password(
                PreviousPassword="Wr0ng-Password!",
                ProposedPassword="N3w-Password!",
                AccessToken=token,
            )
        assert error_of(excinfo) == WRONG
    with pytest.raises(ClientError) as excinfo:
        boto.change_password(
            PreviousPassword=STRONG_PASSWORD, ProposedPassword="N3w-Password!", AccessToken=token
        )
    assert error_of(excinfo) == LOCKED
    clock.advance(2)
    boto.change_password(
        PreviousPassword=STRONG_PASSWORD, ProposedPassword="N3w-Password!", AccessToken=token
    )
    assert password_login(boto, pool, "alice", "N3w-Password!")["AccessToken"]
