"""pycognito (a third-party Python client on boto3) against our live server.

Its ``Cognito`` class verifies every token it receives: RS256 signature with a key from
``<endpoint>/<pool id>/.well-known/jwks.json``, ``iss == <endpoint>/<pool id>``, ``aud`` (id
token), ``exp`` and ``token_use``. So each successful call below also checks our JWKS and claims.
"""

from __future__ import annotations

import secrets
from typing import Any

import botocore.exceptions
import pytest
from pycognito import Cognito
from pycognito.aws_srp import AWSSRP
from pycognito.exceptions import TokenVerificationException

from tests.conftest import STRONG_PASSWORD, PoolIds, latest_code


def _cognito(pool: PoolIds, username: str | None = None, **kwargs: Any) -> Cognito:
    return Cognito(
        pool.user_pool_id,
        pool.client_id,
        username=username,
        user_pool_region="us-east-1",
        boto3_client_kwargs={
            # pycognito builds the issuer and the JWKS URL as endpoint_url + "/" + pool id.
            "endpoint_url": pool.endpoint.rstrip("/"),
            "aws_access_key_id": "x",
            "aws_secret_access_key": "y",
        },
        **kwargs,
    )


def _signed_up_user(pool: PoolIds) -> tuple[str, str]:
    username = f"pycognito-{secrets.token_hex(4)}"
    email = f"{username}@example.com"
    registering = _cognito(pool)
    registering.set_base_attributes(email=email)
    registering.register(username, STRONG_PASSWORD)
    code = latest_code(pool.endpoint, pool.user_pool_id, username)
    registering.confirm_sign_up(code, username=username)
    return username, email


def _error_code(error: botocore.exceptions.ClientError) -> str:
    return str(error.response["Error"]["Code"])


def test_cognito_authenticate_verifies_tokens(pool: PoolIds) -> None:
    username, email = _signed_up_user(pool)
    user = _cognito(pool, username)
    user.authenticate(password=STRONG_PASSWORD)

    issuer = pool.endpoint.rstrip("/") + "/" + pool.user_pool_id
    assert user.token_type == "Bearer"
    assert user.refresh_token
    # Set by verify_token only after the signature and claims checked out.
    assert user.id_claims["iss"] == issuer
    assert user.id_claims["aud"] == pool.client_id
    assert user.id_claims["token_use"] == "id"
    assert user.id_claims["cognito:username"] == username
    assert user.id_claims["email"] == email
    assert user.access_claims["token_use"] == "access"
    assert user.access_claims["client_id"] == pool.client_id
    assert user.access_claims["username"] == username
    assert user.access_claims["sub"] == user.id_claims["sub"]

    # The JWKS pycognito fetched has the key the tokens name.
    keys = user.get_keys()["keys"]
    assert keys and all(key["kty"] == "RSA" for key in keys)

    # GetUser with the access token.
    profile = user.get_user()
    assert profile.username == username
    assert profile.email == email

    # REFRESH_TOKEN_AUTH; the new tokens are verified again.
    old_refresh = user.refresh_token
    user.renew_access_token()
    assert user.access_claims["username"] == username
    assert user.refresh_token == old_refresh
    assert user.check_token(renew=False) is False

    # Tokens given from outside verify too, and fail for another client id.
    outside = _cognito(pool, username, id_token=user.id_token, access_token=user.access_token)
    outside.verify_tokens()
    assert outside.id_claims["sub"] == user.id_claims["sub"]
    other_client = Cognito(
        pool.user_pool_id,
        "someotherclientid",
        username=username,
        user_pool_region="us-east-1",
        id_token=user.id_token,
        access_token=user.access_token,
        boto3_client_kwargs={
            "endpoint_url": pool.endpoint.rstrip("/"),
            "aws_access_key_id": "x",
            "aws_secret_access_key": "y",
        },
    )
    with pytest.raises(TokenVerificationException):
        other_client.verify_tokens()


def test_cognito_authenticate_wrong_password_raises(pool: PoolIds) -> None:
    username, _email = _signed_up_user(pool)
    user = _cognito(pool, username)
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        user.authenticate(password=STRONG_PASSWORD + "x")
    assert _error_code(caught.value) == "NotAuthorizedException"
    assert caught.value.response["Error"]["Message"] == "Incorrect username or password."
    assert user.id_token is None
    assert user.access_token is None


def test_cognito_authenticate_unconfirmed_user_raises(pool: PoolIds) -> None:
    username = f"pycognito-{secrets.token_hex(4)}"
    registering = _cognito(pool)
    registering.set_base_attributes(email=f"{username}@example.com")
    registering.register(username, STRONG_PASSWORD)
    with pytest.raises(botocore.exceptions.ClientError) as caught:
        _cognito(pool, username).authenticate(password=STRONG_PASSWORD)
    assert _error_code(caught.value) == "UserNotConfirmedException"


def test_awssrp_authenticate_user(pool: PoolIds, boto: Any) -> None:
    username, _email = _signed_up_user(pool)
    tokens = AWSSRP(
        username=username,
        password=STRONG_PASSWORD,
        pool_id=pool.user_pool_id,
        client_id=pool.client_id,
        client=boto,
    ).authenticate_user()
    result = tokens["AuthenticationResult"]
    assert result["TokenType"] == "Bearer"
    assert result["IdToken"] and result["AccessToken"] and result["RefreshToken"]

    with pytest.raises(boto.exceptions.NotAuthorizedException):
        AWSSRP(
            username=username,
            password="Wrong-Passw0rd!",
            pool_id=pool.user_pool_id,
            client_id=pool.client_id,
            client=boto,
        ).authenticate_user()
