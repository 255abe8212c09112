"""CognitoIdentityCredentials: a token from our SDK traded for AWS credentials, used by boto3."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Any

import pytest

from cognito_identity import (
    AuthenticationDetails,
    CognitoIdentityCredentials,
    CognitoUser,
    CognitoUserPool,
    CognitoUserSession,
    IdentityCredentials,
)
from cognito_identity.errors import NotAuthorizedException, ResourceNotFoundException
from cognito_identity.identity import logins_for

from ..conftest import STRONG_PASSWORD, FakeClock, PoolIds
from .conftest import create_identity_pool, provider_name


@pytest.fixture
def user_pool(pool: PoolIds, clock: FakeClock) -> Iterator[CognitoUserPool]:
    with CognitoUserPool(pool.user_pool_id, pool.client_id, pool.endpoint, clock=clock) as sdk:
        yield sdk


def signed_in(boto: Any, user_pool: CognitoUserPool) -> tuple[CognitoUser, CognitoUserSession]:
    """Sign up (confirmed by AdminConfirmSignUp) and sign in with SRP through our SDK."""
    username = f"sdk-{secrets.token_hex(4)}"
    user_pool.sign_up(username, STRONG_PASSWORD, {"email": f"{username}@example.com"})
    boto.admin_confirm_sign_up(UserPoolId=user_pool.user_pool_id, Username=username)
    user = CognitoUser(username, user_pool)
    session = user.authenticate_user(AuthenticationDetails(username, STRONG_PASSWORD))
    assert isinstance(session, CognitoUserSession)
    return user, session


@pytest.fixture
def make_credentials(live_server: Any, clock: FakeClock) -> Iterator[Any]:
    made: list[CognitoIdentityCredentials] = []

    def make(pool_id: str, logins: Any, **kwargs: Any) -> CognitoIdentityCredentials:
        kwargs.setdefault("endpoint", live_server.endpoint)
        made.append(CognitoIdentityCredentials(pool_id, logins, clock=clock, **kwargs))
        return made[-1]

    yield make
    for credentials in made:
        credentials.close()


def test_logins_for_uses_the_issuer_without_scheme(
    boto: Any, pool: PoolIds, user_pool: CognitoUserPool
) -> None:
    _, session = signed_in(boto, user_pool)
    token = session.id_token.jwt_token
    assert logins_for(token) == {provider_name(pool): token}
    with pytest.raises(ValueError, match="iss"):
        logins_for("e30.e30.")


def test_credentials_feed_a_boto3_session(
    boto: Any,
    identity_boto: Any,
    pool: PoolIds,
    identity_pool_id: str,
    user_pool: CognitoUserPool,
    make_credentials: Any,
) -> None:
    _, session = signed_in(boto, user_pool)
    logins = logins_for(session.id_token.jwt_token)
    provider = make_credentials(identity_pool_id, logins)
    credentials = provider.get_credentials()
    assert isinstance(credentials, IdentityCredentials)
    assert credentials.access_key_id.startswith("ASIALOCAL")
    assert credentials.secret_key not in repr(credentials)
    assert credentials.session_token not in repr(credentials)
    # The identity is the one boto3 gets for the same login.
    same = identity_boto.get_id(IdentityPoolId=identity_pool_id, Logins=logins)["IdentityId"]
    assert credentials.identity_id == provider.identity_id == same
    boto3_session = provider.boto3_session()
    frozen = boto3_session.get_credentials().get_frozen_credentials()
    assert (frozen.access_key, frozen.secret_key, frozen.token) == (
        credentials.access_key_id,
        credentials.secret_key,
        credentials.session_token,
    )
    assert boto3_session.region_name == "us-east-1"
    assert provider.get_credentials() is credentials  # cached


def test_refresh_before_and_after_expiry(
    boto: Any,
    identity_pool_id: str,
    user_pool: CognitoUserPool,
    clock: FakeClock,
    make_credentials: Any,
) -> None:
    user, _ = signed_in(boto, user_pool)
    # A callable: every fetch takes the session's current ID token (refreshed when expired).
    provider = make_credentials(
        identity_pool_id, lambda: logins_for(user.get_session().id_token.jwt_token)
    )
    first = provider.get_credentials()
    clock.advance(3600 - 299)  # within the 5-minute margin
    second = provider.get_credentials()
    assert second.access_key_id != first.access_key_id
    assert second.identity_id == first.identity_id
    session = provider.boto3_session()
    assert session.get_credentials().get_frozen_credentials().access_key == second.access_key_id
    clock.advance(3700)  # past expiry: botocore asks for new ones
    refreshed = session.get_credentials().get_frozen_credentials()
    assert refreshed.access_key not in (first.access_key_id, second.access_key_id)
    assert refreshed.access_key == provider.get_credentials().access_key_id


def test_expired_wrong_and_foreign_tokens_are_refused(
    boto: Any,
    identity_boto: Any,
    pool: PoolIds,
    identity_pool_id: str,
    user_pool: CognitoUserPool,
    clock: FakeClock,
    make_credentials: Any,
) -> None:
    _, session = signed_in(boto, user_pool)
    token = session.id_token.jwt_token
    with pytest.raises(NotAuthorizedException, match="Couldn't verify"):
        make_credentials(identity_pool_id, {provider_name(pool): token[:-4] + "AAAA"}).get_id()
    other_pool = create_identity_pool(
        identity_boto,
        pool,
        CognitoIdentityProviders=[{"ProviderName": provider_name(pool), "ClientId": "other"}],
    )
    with pytest.raises(NotAuthorizedException, match="audience"):
        make_credentials(other_pool, logins_for(token)).get_credentials()
    clock.advance(3600)
    with pytest.raises(NotAuthorizedException, match="Token expired"):
        make_credentials(identity_pool_id, logins_for(token)).get_credentials()


def test_unknown_identity_pool(
    boto: Any, user_pool: CognitoUserPool, make_credentials: Any
) -> None:
    _, session = signed_in(boto, user_pool)
    missing = "us-east-1:00000000-0000-4000-8000-000000000000"
    with pytest.raises(ResourceNotFoundException, match="not found"):
        make_credentials(missing, logins_for(session.id_token.jwt_token)).get_credentials()


def test_defaults_and_set_logins(
    boto: Any, identity_pool_id: str, user_pool: CognitoUserPool, make_credentials: Any
) -> None:
    aws = CognitoIdentityCredentials("eu-west-1:00000000-0000-4000-8000-000000000000")
    assert (aws.region, aws.endpoint) == (
        "eu-west-1",
        "https://cognito-identity.eu-west-1.amazonaws.com/",
    )
    aws.close()
    provider = make_credentials(identity_pool_id, None)
    with pytest.raises(NotAuthorizedException, match="Unauthenticated"):
        provider.get_credentials()
    _, session = signed_in(boto, user_pool)
    provider.set_logins(logins_for(session.id_token.jwt_token))
    assert provider.get_credentials().access_key_id.startswith("ASIALOCAL")
