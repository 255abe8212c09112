"""JWKS and OpenID discovery documents, fetched over HTTP from the live server."""

from __future__ import annotations

from typing import Any

import httpx
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from cognito_identity.server.domain.jwt import b64url_decode
from cognito_identity.server.domain.keys import signing_key


def _public_key(jwk: dict[str, Any]) -> rsa.RSAPublicKey:
    n = int.from_bytes(b64url_decode(jwk["n"]), "big")
    e = int.from_bytes(b64url_decode(jwk["e"]), "big")
    return rsa.RSAPublicNumbers(e, n).public_key()


def test_jwks_verifies_signatures_of_the_pool_key(live_server: Any, pool: Any) -> None:
    response = httpx.get(live_server.url(f"/{pool.user_pool_id}/.well-known/jwks.json"))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    keys = response.json()["keys"]
    assert len(keys) == 1
    jwk = keys[0]
    assert {k: jwk[k] for k in ("alg", "kty", "use")} == {
        "alg": "RS256",
        "kty": "RSA",
        "use": "sig",
    }

    with live_server.engine.connect() as conn:
        key = signing_key(conn, pool.user_pool_id)
    assert key.kid == jwk["kid"]
    signature = key.private_key.sign(b"payload", padding.PKCS1v15(), hashes.SHA256())
    _public_key(jwk).verify(signature, b"payload", padding.PKCS1v15(), hashes.SHA256())


def test_every_pool_has_its_own_key(boto: Any, live_server: Any) -> None:
    kids = set()
    for name in ("a", "b"):
        pool_id = boto.create_user_pool(PoolName=name)["UserPool"]["Id"]
        jwks = httpx.get(live_server.url(f"/{pool_id}/.well-known/jwks.json")).json()
        kids.add(jwks["keys"][0]["kid"])
    assert len(kids) == 2


def test_openid_configuration_uses_the_server_base_url(live_server: Any, pool: Any) -> None:
    response = httpx.get(live_server.url(f"/{pool.user_pool_id}/.well-known/openid-configuration"))
    assert response.status_code == 200
    document = response.json()
    base = live_server.endpoint.rstrip("/")
    issuer = f"{base}/{pool.user_pool_id}"
    assert document["issuer"] == issuer
    assert document["jwks_uri"] == f"{issuer}/.well-known/jwks.json"
    assert document["response_types_supported"] == ["code", "token"]
    assert document["subject_types_supported"] == ["public"]
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    for field in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint"):
        assert document[field].startswith(base + "/")
    assert "openid" in document["scopes_supported"]
    assert document["token_endpoint_auth_methods_supported"]
    assert httpx.get(document["jwks_uri"]).status_code == 200


def test_public_url_overrides_the_request_base(tmp_path: Any) -> None:
    from starlette.testclient import TestClient

    from cognito_identity.server.app import create_app
    from cognito_identity.server.config import ServerConfig
    from cognito_identity.server.embedded import EmbeddedServer

    config = ServerConfig(
        db_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", public_url="https://auth.example.com/"
    )
    with EmbeddedServer(config) as server:
        pool_id = server.default_pool().user_pool_id
    with TestClient(create_app(config)) as http:
        document = http.get(f"/{pool_id}/.well-known/openid-configuration").json()
    assert document["issuer"] == f"https://auth.example.com/{pool_id}"


def test_documents_of_unknown_pools_are_aws_shaped_404s(live_server: Any) -> None:
    for pool_id in ("us-east-1_nothere00", "not a pool id", "x" * 80):
        for document in ("jwks.json", "openid-configuration"):
            response = httpx.get(live_server.url(f"/{pool_id}/.well-known/{document}"))
            assert response.status_code == 404
            body = response.json()
            assert body["__type"] == "ResourceNotFoundException"
            assert body["message"] == f"User pool {pool_id} does not exist."
