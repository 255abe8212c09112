"""The SDK against the real local server, in-process (starlette TestClient) and over a socket.

The SDK and the server share one FakeClock, so advancing it expires tokens on both sides.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from cognito_identity import (
    AuthenticationDetails,
    CognitoUser,
    CognitoUserPool,
    FileStorage,
    NotAuthenticatedError,
    Storage,
    errors,
)
from tests.conftest import STRONG_PASSWORD, FakeClock, PoolIds, latest_code

EMAIL = "alice@example.com"
MakePool = Callable[..., CognitoUserPool]


@pytest.fixture(params=["in-process", "socket"])
def make_pool(
    request: pytest.FixtureRequest, pool: PoolIds, clock: FakeClock
) -> Iterator[MakePool]:
    """Build SDK pools on the test pool, through the TestClient or over the socket."""
    made: list[CognitoUserPool] = []

    def make(
        storage: Storage | None = None, *, client_id: str | None = None, **kwargs: Any
    ) -> CognitoUserPool:
        ids = (pool.user_pool_id, client_id or pool.client_id)
        if request.param == "in-process":
            http = request.getfixturevalue("http")
            sdk = CognitoUserPool(
                *ids, "http://testserver/", storage, http_client=http, clock=clock, **kwargs
            )
        else:
            sdk = CognitoUserPool(*ids, pool.endpoint, storage, clock=clock, **kwargs)
        made.append(sdk)
        return sdk

    yield make
    for sdk in made:
        sdk.close()


def register(sdk: CognitoUserPool, pool: PoolIds, username: str = "alice") -> CognitoUser:
    result = sdk.sign_up(username, STRONG_PASSWORD, {"email": EMAIL})
    assert not result.user_confirmed
    assert result.user_sub
    assert result.code_delivery_details is not None
    assert result.code_delivery_details["DeliveryMedium"] == "EMAIL"
    code = latest_code(pool.endpoint, pool.user_pool_id, username)
    assert result.user.confirm_registration(code) == "SUCCESS"
    return result.user


def test_full_story(make_pool: MakePool, pool: PoolIds, clock: FakeClock, tmp_path: Path) -> None:
    storage = FileStorage(tmp_path / "tokens.json")
    sdk = make_pool(storage)
    user = register(sdk, pool)

    session = user.authenticate_user(AuthenticationDetails("alice", STRONG_PASSWORD))
    assert session.is_valid()
    assert session.refresh_token is not None
    assert session.id_token.payload["email"] == EMAIL
    assert session.access_token.payload["client_id"] == pool.client_id
    assert abs(session.clock_drift) <= 1

    attributes = {attribute.name: attribute.value for attribute in user.get_user_attributes()}
    assert attributes["email"] == EMAIL
    assert attributes["sub"] == session.id_token.payload["sub"]

    # Another pool object on the same file finds the user and the session, without signing in.
    again = make_pool(FileStorage(tmp_path / "tokens.json"))
    current = again.get_current_user()
    assert current is not None
    assert current.get_username() == user.get_username()
    restored = current.get_session()
    assert restored.access_token.jwt_token == session.access_token.jwt_token

    # Past expiry, get_session refreshes with the refresh token and stores the new tokens.
    clock.advance(session.access_token.get_expiration() - clock() + 5)  # type: ignore[operator]
    assert not restored.is_valid()
    refreshed = current.get_session()
    assert refreshed.is_valid()
    assert refreshed.access_token.jwt_token != session.access_token.jwt_token
    assert refreshed.refresh_token == session.refresh_token
    assert (
        FileStorage(tmp_path / "tokens.json").get_item(
            f"CognitoIdentityServiceProvider.{pool.client_id}.{current.get_username()}.accessToken"
        )
        == refreshed.access_token.jwt_token
    )

    current.sign_out()
    assert again.get_current_user() is None
    with pytest.raises(NotAuthenticatedError):
        CognitoUser(user.get_username(), again).get_session()


def test_user_password_auth(make_pool: MakePool, pool: PoolIds) -> None:
    user = register(make_pool(), pool, "bob")
    user.set_authentication_flow_type("USER_PASSWORD_AUTH")
    session = user.authenticate_user(AuthenticationDetails("bob", STRONG_PASSWORD))
    assert session.is_valid()
    assert user.get_username() == "bob"
    assert user.pool.get_current_user() is not None


def test_user_data_is_fetched_once(make_pool: MakePool, pool: PoolIds) -> None:
    user = register(make_pool(), pool, "carol")
    user.authenticate_user(AuthenticationDetails("carol", STRONG_PASSWORD))
    data = user.get_user_data()
    assert data["Username"] == "carol"
    assert user.get_user_data() == data
    assert user.get_user_data(bypass_cache=True)["Username"] == "carol"


@pytest.mark.parametrize("flow", ["USER_SRP_AUTH", "USER_PASSWORD_AUTH"])
def test_wrong_password(make_pool: MakePool, pool: PoolIds, flow: str) -> None:
    user = register(make_pool(), pool, "dave")
    user.set_authentication_flow_type(flow)
    with pytest.raises(errors.NotAuthorizedException) as caught:
        user.authenticate_user(AuthenticationDetails("dave", "Wrong-passw0rd!"))
    assert caught.value.message == "Incorrect username or password."
    assert caught.value.status_code == 400
    assert user.pool.get_current_user() is None


@pytest.mark.parametrize("flow", ["USER_SRP_AUTH", "USER_PASSWORD_AUTH"])
def test_unknown_user(make_pool: MakePool, flow: str) -> None:
    user = CognitoUser("nobody", make_pool())
    user.set_authentication_flow_type(flow)
    with pytest.raises(errors.UserNotFoundException):
        user.authenticate_user(AuthenticationDetails("nobody", STRONG_PASSWORD))


def test_unconfirmed_user(make_pool: MakePool, pool: PoolIds) -> None:
    sdk = make_pool()
    result = sdk.sign_up("erin", STRONG_PASSWORD, {"email": EMAIL})
    with pytest.raises(errors.UserNotConfirmedException):
        result.user.authenticate_user(AuthenticationDetails("erin", STRONG_PASSWORD))
    delivery = result.user.resend_confirmation_code()
    assert delivery["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"


def test_wrong_confirmation_code(make_pool: MakePool) -> None:
    result = make_pool().sign_up("frank", STRONG_PASSWORD, {"email": EMAIL})
    with pytest.raises(errors.CodeMismatchException):
        result.user.confirm_registration("000000")


def test_username_taken(make_pool: MakePool, pool: PoolIds) -> None:
    sdk = make_pool()
    register(sdk, pool, "gina")
    with pytest.raises(errors.UsernameExistsException):
        sdk.sign_up("gina", STRONG_PASSWORD, {"email": EMAIL})


def test_refused_refresh_token_clears_storage(make_pool: MakePool, pool: PoolIds) -> None:
    sdk = make_pool()
    user = register(sdk, pool, "hank")
    user.authenticate_user(AuthenticationDetails("hank", STRONG_PASSWORD))
    with pytest.raises(errors.NotAuthorizedException):
        user.refresh_session("not-a-real-refresh-token")
    assert sdk.get_current_user() is None


def test_client_with_a_secret(make_pool: MakePool, pool: PoolIds, boto: Any) -> None:
    created = boto.create_user_pool_client(
        UserPoolId=pool.user_pool_id,
        ClientName="server-side",
        GenerateSecret=True,
        ExplicitAuthFlows=[
            "ALLOW_USER_SRP_AUTH",
            "ALLOW_USER_PASSWORD_AUTH",
            "ALLOW_REFRESH_TOKEN_AUTH",
        ],
    )["UserPoolClient"]
    sdk = make_pool(client_id=created["ClientId"], client_secret=created["ClientSecret"])
    user = register(sdk, pool, "ivy")
    session = user.authenticate_user(AuthenticationDetails("ivy", STRONG_PASSWORD))
    assert user.refresh_session(session.refresh_token).is_valid()
    no_secret = make_pool(client_id=created["ClientId"])
    with pytest.raises(errors.NotAuthorizedException):
        CognitoUser("ivy", no_secret).authenticate_user(
            AuthenticationDetails("ivy", STRONG_PASSWORD)
        )


def test_unreachable_endpoint_is_a_network_error(pool: PoolIds) -> None:
    import socket

    from cognito_identity import NetworkError, RetryPolicy

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    sdk = CognitoUserPool(
        pool.user_pool_id, pool.client_id, f"http://127.0.0.1:{port}/", retry=RetryPolicy.never()
    )
    with sdk, pytest.raises(NetworkError):
        sdk.sign_up("x", STRONG_PASSWORD)
