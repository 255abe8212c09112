"""Tokens: claims and signatures (checked with the JWKS), refresh, and GetUser's token checks."""

from __future__ import annotations

import base64
import json
import uuid
from typing import Any

import httpx
import pytest
import sqlalchemy as sa
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from cognito_identity.server.store.schema import pool_keys, refresh_tokens, users

from ..conftest import PoolIds
from .helpers import confirmed_user, error_of, password_login, srp_login

pytestmark = pytest.mark.postgres  # also on PostgreSQL (tests/conftest.py)


def _b64decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _b64encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _parts(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    header, payload, _signature = token.split(".")
    return json.loads(_b64decode(header)), json.loads(_b64decode(payload))


def _jwks_key(pool: PoolIds, kid: str) -> rsa.RSAPublicKey:
    url = f"{pool.endpoint}{pool.user_pool_id}/.well-known/jwks.json"
    jwk = next(key for key in httpx.get(url).json()["keys"] if key["kid"] == kid)
    numbers = rsa.RSAPublicNumbers(
        int.from_bytes(_b64decode(jwk["e"]), "big"), int.from_bytes(_b64decode(jwk["n"]), "big")
    )
    return numbers.public_key()


def _verified_claims(pool: PoolIds, token: str) -> dict[str, Any]:
    """Claims after checking the RS256 signature with the pool's published key."""
    header, claims = _parts(token)
    assert header["alg"] == "RS256"
    signing_input, signature = token.rsplit(".", 1)
    _jwks_key(pool, header["kid"]).verify(
        _b64decode(signature), signing_input.encode(), padding.PKCS1v15(), hashes.SHA256()
    )
    return claims


def test_id_token_claims_and_signature(boto: Any, pool: PoolIds) -> None:
    sub = confirmed_user(boto, pool, "alice")
    claims = _verified_claims(pool, srp_login(boto, pool, "alice")["IdToken"])
    assert claims["sub"] == sub
    assert claims["email"] == "alice@example.com"
    assert claims["email_verified"] is True
    assert claims["iss"] == pool.endpoint + pool.user_pool_id
    assert claims["cognito:username"] == "alice"
    assert claims["aud"] == pool.client_id
    assert claims["token_use"] == "id"
    assert claims["exp"] - claims["iat"] == 3600
    assert claims["auth_time"] == claims["iat"]
    uuid.UUID(claims["jti"])
    uuid.UUID(claims["event_id"])
    uuid.UUID(claims["origin_jti"])


def test_access_token_claims_and_signature(boto: Any, pool: PoolIds) -> None:
    sub = confirmed_user(boto, pool, "alice")
    result = password_login(boto, pool, "alice")
    claims = _verified_claims(pool, result["AccessToken"])
    assert set(claims) == {
        "sub",
        "iss",
        "client_id",
        "origin_jti",
        "event_id",
        "token_use",
        "scope",
        "auth_time",
        "exp",
        "iat",
        "jti",
        "username",
    }
    assert claims["sub"] == sub
    assert claims["client_id"] == pool.client_id
    assert claims["token_use"] == "access"
    assert claims["scope"] == "aws.cognito.signin.user.admin"
    assert claims["username"] == "alice"
    assert claims["origin_jti"] == _parts(result["IdToken"])[1]["origin_jti"]


def _refresh(boto: Any, pool: PoolIds, token: str, flow: str = "REFRESH_TOKEN_AUTH") -> Any:
    return boto.initiate_auth(
        ClientId=pool.client_id, AuthFlow=flow, AuthParameters={"REFRESH_TOKEN": token}
    )


@pytest.mark.parametrize("flow", ["REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"])
def test_refresh_gives_new_tokens_of_the_same_sign_in(
    boto: Any, pool: PoolIds, clock: Any, flow: str
) -> None:
    confirmed_user(boto, pool, "alice")
    first = password_login(boto, pool, "alice")
    clock.advance(60)
    refreshed = _refresh(boto, pool, first["RefreshToken"], flow)["AuthenticationResult"]
    assert "RefreshToken" not in refreshed
    old, new = _parts(first["AccessToken"])[1], _verified_claims(pool, refreshed["AccessToken"])
    assert new["origin_jti"] == old["origin_jti"]
    assert new["auth_time"] == old["auth_time"]
    assert new["iat"] == old["iat"] + 60
    assert new["jti"] != old["jti"]
    assert _verified_claims(pool, refreshed["IdToken"])["token_use"] == "id"


def test_refresh_token_expires_after_thirty_days(boto: Any, pool: PoolIds, clock: Any) -> None:
    confirmed_user(boto, pool, "alice")
    token = password_login(boto, pool, "alice")["RefreshToken"]
    clock.advance(30 * 86400 + 1)
    with pytest.raises(ClientError) as excinfo:
        _refresh(boto, pool, token)
    assert error_of(excinfo) == ("NotAuthorizedException", "Refresh Token has expired")


def test_unknown_refresh_token(boto: Any, pool: PoolIds) -> None:
    with pytest.raises(ClientError) as excinfo:
        _refresh(boto, pool, "not-a-token")
    assert error_of(excinfo) == ("NotAuthorizedException", "Invalid Refresh Token")


def test_refresh_token_of_another_client(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    token = password_login(boto, pool, "alice")["RefreshToken"]
    other_id = boto.create_user_pool_client(UserPoolId=pool.user_pool_id, ClientName="other")[
        "UserPoolClient"
    ]["ClientId"]
    with pytest.raises(ClientError) as excinfo:
        _refresh(boto, PoolIds(pool.user_pool_id, other_id, pool.endpoint), token)
    assert error_of(excinfo) == ("NotAuthorizedException", "Invalid Refresh Token")


def _revoke_all(live_server: Any) -> None:
    with live_server.engine.begin() as conn:
        conn.execute(refresh_tokens.update().values(revoked_at=1.0))


def test_revoked_refresh_token_revokes_its_tokens(
    boto: Any, pool: PoolIds, live_server: Any
) -> None:
    confirmed_user(boto, pool, "alice")
    result = password_login(boto, pool, "alice")
    _revoke_all(live_server)
    with pytest.raises(ClientError) as excinfo:
        _refresh(boto, pool, result["RefreshToken"])
    assert error_of(excinfo) == ("NotAuthorizedException", "Refresh Token has been revoked")
    with pytest.raises(ClientError) as excinfo:
        boto.get_user(AccessToken=result["AccessToken"])
    assert error_of(excinfo) == ("NotAuthorizedException", "Access Token has been revoked")


def test_get_user(boto: Any, pool: PoolIds) -> None:
    sub = confirmed_user(boto, pool, "alice")
    token = srp_login(boto, pool, "alice")["AccessToken"]
    response = boto.get_user(AccessToken=token)
    assert response["Username"] == "alice"
    assert response["UserAttributes"][0] == {"Name": "sub", "Value": sub}
    assert {"Name": "email_verified", "Value": "true"} in response["UserAttributes"]
    assert "MFAOptions" not in response


def _get_user_error(boto: Any, token: str) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        boto.get_user(AccessToken=token)
    return error_of(excinfo)


def test_get_user_with_expired_token(boto: Any, pool: PoolIds, clock: Any) -> None:
    confirmed_user(boto, pool, "alice")
    token = password_login(boto, pool, "alice")["AccessToken"]
    clock.advance(3601)
    assert _get_user_error(boto, token) == ("NotAuthorizedException", "Access Token has expired")


def test_get_user_with_tampered_token(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    token = password_login(boto, pool, "alice")["AccessToken"]
    header, payload, signature = token.split(".")
    claims = json.loads(_b64decode(payload))
    claims["username"] = "mallory"
    forged = f"{header}.{_b64encode(json.dumps(claims).encode())}.{signature}"
    assert _get_user_error(boto, forged) == ("NotAuthorizedException", "Invalid Access Token")
    assert _get_user_error(boto, "garbage") == ("NotAuthorizedException", "Invalid Access Token")


def test_get_user_refuses_an_id_token(boto: Any, pool: PoolIds) -> None:
    confirmed_user(boto, pool, "alice")
    token = password_login(boto, pool, "alice")["IdToken"]
    assert _get_user_error(boto, token) == ("NotAuthorizedException", "Invalid Access Token")


def _second_pool(boto: Any, endpoint: str) -> PoolIds:
    pool_id = boto.create_user_pool(PoolName="other", AutoVerifiedAttributes=["email"])["UserPool"][
        "Id"
    ]
    client_id = boto.create_user_pool_client(
        UserPoolId=pool_id, ClientName="c", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    return PoolIds(pool_id, client_id, endpoint)


def _sign(live_server: Any, pool_id: str, header: dict[str, Any], claims: dict[str, Any]) -> str:
    """A token signed with ``pool_id``'s private key (read from the database)."""
    with live_server.engine.connect() as conn:
        pem = conn.execute(
            sa.select(pool_keys.c.private_pem).where(pool_keys.c.pool_id == pool_id)
        ).scalar_one()
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    encoded = [_b64encode(json.dumps(part).encode()) for part in (header, claims)]
    signing_input = ".".join(encoded)
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{_b64encode(signature)}"


def test_get_user_refuses_a_token_signed_by_another_pool(
    boto: Any, pool: PoolIds, live_server: Any
) -> None:
    confirmed_user(boto, pool, "alice")
    token = password_login(boto, pool, "alice")["AccessToken"]
    header, claims = _parts(token)
    other = _second_pool(boto, pool.endpoint)
    with live_server.engine.connect() as conn:
        other_kid = conn.execute(
            sa.select(pool_keys.c.kid).where(pool_keys.c.pool_id == other.user_pool_id)
        ).scalar_one()
    # Claims of pool 1, signed by pool 2: with pool 2's kid, then pretending pool 1's kid.
    for kid in (other_kid, header["kid"]):
        forged = _sign(live_server, other.user_pool_id, {**header, "kid": kid}, claims)
        assert _get_user_error(boto, forged) == ("NotAuthorizedException", "Invalid Access Token")


def test_get_user_after_sign_out_or_disable(
    boto: Any, pool: PoolIds, live_server: Any, clock: Any
) -> None:
    confirmed_user(boto, pool, "alice")
    token = password_login(boto, pool, "alice")["AccessToken"]
    with live_server.engine.begin() as conn:
        conn.execute(users.update().values(tokens_valid_after=clock.now + 10))
    revoked = ("NotAuthorizedException", "Access Token has been revoked")
    assert _get_user_error(boto, token) == revoked
    with live_server.engine.begin() as conn:
        conn.execute(users.update().values(tokens_valid_after=None, enabled=False))
    assert _get_user_error(boto, token) == ("NotAuthorizedException", "User is disabled.")


def _secret_hash(username: str, client_id: str, secret: str) -> str:
    import hashlib
    import hmac

    digest = hmac.new(secret.encode(), (username + client_id).encode(), hashlib.sha256).digest()
    return base64.b64encode(digest).decode()


def test_secret_client_refresh_accepts_username_or_sub_hash(boto: Any, pool: PoolIds) -> None:
    sub = confirmed_user(boto, pool, "alice")
    client = boto.create_user_pool_client(
        UserPoolId=pool.user_pool_id,
        ClientName="secret",
        GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    client_id, secret = client["ClientId"], client["ClientSecret"]
    login = boto.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={
            "USERNAME": "alice",
            "PASSWORD": "Corr3ct-Horse!",
            "SECRET_HASH": _secret_hash("alice", client_id, secret),
        },
    )["AuthenticationResult"]
    for name in ("alice", sub):
        params = {
            "REFRESH_TOKEN": login["RefreshToken"],
            "SECRET_HASH": _secret_hash(name, client_id, secret),
        }
        boto.initiate_auth(ClientId=client_id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters=params)
    with pytest.raises(ClientError) as excinfo:
        boto.initiate_auth(
            ClientId=client_id,
            AuthFlow="REFRESH_TOKEN_AUTH",
            AuthParameters={"REFRESH_TOKEN": login["RefreshToken"]},
        )
    assert error_of(excinfo)[0] == "NotAuthorizedException"


def test_disabled_user_cannot_sign_in(boto: Any, pool: PoolIds, live_server: Any) -> None:
    confirmed_user(boto, pool, "alice")
    with live_server.engine.begin() as conn:
        conn.execute(users.update().values(enabled=False))
    with pytest.raises(ClientError) as excinfo:
        srp_login(boto, pool, "alice")
    assert error_of(excinfo) == ("NotAuthorizedException", "User is disabled.")
