"""Account methods end to end against the real local server (in-process and over a socket).

Attributes (use cases 5-8, 31), passwords (11, 12), deletion (13), global sign-out (15), and
methods refreshing an expired session by themselves.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from cognito_identity import (
    AuthenticationDetails,
    CodeDeliveryDetails,
    CognitoUser,
    NotAuthenticatedError,
    errors,
)
from tests.conftest import STRONG_PASSWORD, FakeClock, PoolIds, latest_code

from .live import MODES, PoolMaker, expire_tokens, keys, pool_maker, signed_in

NEW_PASSWORD = "N3w-Passw0rd!!"
DAY = 24 * 3600.0


@pytest.fixture(params=MODES)
def make_pool(
    request: pytest.FixtureRequest, pool: PoolIds, clock: FakeClock
) -> Iterator[PoolMaker]:
    yield from pool_maker(request, pool, clock)


def attributes_of(user: CognitoUser) -> dict[str, str]:
    return {attribute.name: attribute.value for attribute in user.get_user_attributes()}


def can_sign_in(user: CognitoUser, password: str) -> bool:
    again = CognitoUser(user.username, user.pool)
    try:
        again.authenticate_user(AuthenticationDetails(user.username, password))
    except errors.NotAuthorizedException:
        return False
    return True


# Attributes


def test_update_email_sends_a_code_then_verify(make_pool: PoolMaker, pool: PoolIds) -> None:
    user = signed_in(make_pool(), pool)
    old_id_token = user.get_session().id_token.jwt_token
    result = user.update_attributes({"email": "new@example.com", "nickname": "Al"})
    assert result.result == "SUCCESS"
    assert [d.attribute_name for d in result.code_delivery_details_list] == ["email"]
    assert result.code_delivery_details_list[0].delivery_medium == "EMAIL"

    # Like JS: the user data is refetched into the cache and the tokens are refreshed.
    cached = {a["Name"]: a["Value"] for a in user.get_user_data()["UserAttributes"]}
    assert (cached["email"], cached["nickname"]) == ("new@example.com", "Al")
    assert cached["email_verified"] == "false"
    session = user.get_session()
    assert session.id_token.jwt_token != old_id_token
    assert session.id_token.payload["email"] == "new@example.com"

    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    assert user.verify_attribute("email", code) == "SUCCESS"
    assert attributes_of(user)["email_verified"] == "true"


def test_attribute_verification_code_and_wrong_code(make_pool: PoolMaker, pool: PoolIds) -> None:
    user = signed_in(make_pool(), pool)
    user.update_attributes({"email": "second@example.com"})
    details = user.get_attribute_verification_code("email")
    assert isinstance(details, CodeDeliveryDetails)
    assert (details.attribute_name, details.delivery_medium) == ("email", "EMAIL")
    assert details.destination
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(errors.CodeMismatchException):
        user.verify_attribute("email", wrong)
    assert user.verify_attribute("email", code) == "SUCCESS"


def test_reused_attribute_code_is_refused(make_pool: PoolMaker, pool: PoolIds) -> None:
    user = signed_in(make_pool(), pool)
    user.update_attributes({"email": "third@example.com"})
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    user.verify_attribute("email", code)
    with pytest.raises((errors.ExpiredCodeException, errors.CodeMismatchException)):
        user.verify_attribute("email", code)


def test_expired_attribute_code_is_refused(
    make_pool: PoolMaker, pool: PoolIds, clock: FakeClock
) -> None:
    user = signed_in(make_pool(), pool)
    user.update_attributes({"email": "late@example.com"})
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    clock.advance(DAY + 60)  # attribute codes live 24 hours; the session is refreshed too
    with pytest.raises(errors.ExpiredCodeException):
        user.verify_attribute("email", code)


def test_delete_attributes(make_pool: PoolMaker, pool: PoolIds) -> None:
    user = signed_in(make_pool(), pool)
    user.update_attributes({"nickname": "Al"})
    assert attributes_of(user)["nickname"] == "Al"
    assert user.delete_attributes(["nickname"]) == "SUCCESS"
    assert "nickname" not in attributes_of(user)
    cached = [a["Name"] for a in user.get_user_data()["UserAttributes"]]
    assert "nickname" not in cached  # refetched into the cache, as in JS


def test_unknown_attributes_are_refused(make_pool: PoolMaker, pool: PoolIds) -> None:
    user = signed_in(make_pool(), pool)
    with pytest.raises(errors.InvalidParameterException):
        user.update_attributes({"custom:nope": "x"})
    with pytest.raises(errors.InvalidParameterException):
        user.delete_attributes(["custom:nope"])


def test_user_data_bypass_cache_refetches_and_refreshes(
    make_pool: PoolMaker, pool: PoolIds
) -> None:
    user = signed_in(make_pool(), pool)
    first = user.get_user_data()
    assert first["Username"] == "alice"
    before = user.get_session().access_token.jwt_token
    assert user.get_user_data() == first  # from the cache
    fresh = user.get_user_data(bypass_cache=True)
    assert fresh["Username"] == "alice"
    assert user.get_session().access_token.jwt_token != before


def test_get_mfa_options_is_deprecated(make_pool: PoolMaker, pool: PoolIds) -> None:
    user = signed_in(make_pool(), pool)
    with pytest.warns(DeprecationWarning, match="get_mfa_options"):
        assert user.get_mfa_options() == []


# Passwords


def test_change_password(make_pool: PoolMaker, pool: PoolIds) -> None:
    user = signed_in(make_pool(), pool)
    assert user.change_password(STRONG_PASSWORD, NEW_PASSWORD) == "SUCCESS"
    assert can_sign_in(user, NEW_PASSWORD)
    assert not can_sign_in(user, STRONG_PASSWORD)


def test_change_password_with_a_wrong_old_password(make_pool: PoolMaker, pool: PoolIds) -> None:
    user = signed_in(make_pool(), pool)
    with pytest.raises(errors.NotAuthorizedException):
        user.change_password("Wr0ng-Passw0rd!", NEW_PASSWORD)
    assert can_sign_in(user, STRONG_PASSWORD)


def test_change_password_to_a_weak_one(make_pool: PoolMaker, pool: PoolIds) -> None:
    user = signed_in(make_pool(), pool)
    with pytest.raises(errors.InvalidPasswordException):
        user.change_password(STRONG_PASSWORD, "weak")
    assert can_sign_in(user, STRONG_PASSWORD)


def test_forgot_and_confirm_password(make_pool: PoolMaker, pool: PoolIds) -> None:
    signed_in(make_pool(), pool)
    user = CognitoUser("alice", make_pool())  # no session: the user forgot the password
    details = user.forgot_password()
    assert details.delivery_medium == "EMAIL"
    assert details.attribute_name == "email"
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    assert user.confirm_password(code, NEW_PASSWORD) == "SUCCESS"
    assert can_sign_in(user, NEW_PASSWORD)
    assert not can_sign_in(user, STRONG_PASSWORD)
    with pytest.raises((errors.ExpiredCodeException, errors.CodeMismatchException)):
        user.confirm_password(code, "An0ther-Passw0rd!")  # a code is single use


def test_confirm_password_failures(make_pool: PoolMaker, pool: PoolIds, clock: FakeClock) -> None:
    signed_in(make_pool(), pool)
    user = CognitoUser("alice", make_pool())
    user.forgot_password()
    code = latest_code(pool.endpoint, pool.user_pool_id, "alice")
    wrong = "000000" if code != "000000" else "111111"
    with pytest.raises(errors.CodeMismatchException):
        user.confirm_password(wrong, NEW_PASSWORD)
    with pytest.raises(errors.InvalidPasswordException):
        user.confirm_password(code, "weak")
    clock.advance(3600 + 60)  # forgot-password codes live one hour
    with pytest.raises(errors.ExpiredCodeException):
        user.confirm_password(code, NEW_PASSWORD)
    assert can_sign_in(user, STRONG_PASSWORD)


def test_forgot_password_of_an_unknown_user(make_pool: PoolMaker) -> None:
    with pytest.raises(errors.UserNotFoundException):
        CognitoUser("nobody", make_pool()).forgot_password()


# Deletion and global sign-out


def test_delete_user(make_pool: PoolMaker, pool: PoolIds) -> None:
    sdk = make_pool()
    user = signed_in(sdk, pool)
    user.get_user_data()
    assert user.delete_user() == "SUCCESS"
    assert user.get_sign_in_user_session() is None
    assert keys(sdk, user, "idToken", "accessToken", "refreshToken", "userData") == [None] * 4
    assert sdk.get_current_user() is None
    with pytest.raises(errors.UserNotFoundException):
        CognitoUser("alice", sdk).authenticate_user(AuthenticationDetails("alice", STRONG_PASSWORD))


def test_global_sign_out(make_pool: PoolMaker, pool: PoolIds, boto: Any) -> None:
    sdk = make_pool()
    user = signed_in(sdk, pool)
    session = user.get_session()
    assert user.global_sign_out() == "SUCCESS"
    assert user.get_sign_in_user_session() is None
    assert keys(sdk, user, "idToken", "accessToken", "refreshToken", "userData") == [None] * 4
    assert sdk.get_current_user() is None
    with pytest.raises(boto.exceptions.NotAuthorizedException):
        boto.get_user(AccessToken=session.access_token.jwt_token)
    with pytest.raises(errors.NotAuthorizedException):
        CognitoUser(user.username, sdk).refresh_session(session.refresh_token)


# Sessions


def test_methods_refresh_an_expired_session(
    make_pool: PoolMaker, pool: PoolIds, clock: FakeClock
) -> None:
    sdk = make_pool()
    user = signed_in(sdk, pool)
    steps = [
        lambda: user.get_user_attributes(),
        lambda: user.update_attributes({"nickname": "Al"}),
        lambda: user.delete_attributes(["nickname"]),
        lambda: user.get_attribute_verification_code("email"),
        lambda: user.change_password(STRONG_PASSWORD, NEW_PASSWORD),
        lambda: user.get_user_data(),
        lambda: user.global_sign_out(),
    ]
    for step in steps:
        stored_before = keys(sdk, user, "accessToken")[0]
        expire_tokens(user, clock)
        step()
        if step is not steps[-1]:
            assert keys(sdk, user, "accessToken")[0] != stored_before


def test_expired_session_of_a_restored_user(
    make_pool: PoolMaker, pool: PoolIds, clock: FakeClock
) -> None:
    sdk = make_pool()
    user = signed_in(sdk, pool)
    expire_tokens(user, clock)
    current = sdk.get_current_user()  # a new object: only storage knows the session
    assert current is not None
    assert attributes_of(current)["email"] == "alice@example.com"
    assert current.get_session().is_valid()


def test_methods_without_any_session(make_pool: PoolMaker) -> None:
    user = CognitoUser("nobody", make_pool())
    for call in (
        lambda: user.get_user_attributes(),
        lambda: user.update_attributes({"nickname": "x"}),
        lambda: user.delete_attributes(["nickname"]),
        lambda: user.get_attribute_verification_code("email"),
        lambda: user.verify_attribute("email", "123456"),
        lambda: user.change_password(STRONG_PASSWORD, NEW_PASSWORD),
        lambda: user.delete_user(),
        lambda: user.global_sign_out(),
        lambda: user.get_user_data(),
    ):
        with pytest.raises(NotAuthenticatedError):
            call()
