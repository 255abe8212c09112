"""AsyncCognitoJwtVerifier: the same checks, with httpx.AsyncClient for the JWKS."""

from __future__ import annotations

import base64
import json
from typing import Any

import httpx
import pytest

from cognito_identity import AsyncCognitoJwtVerifier, CognitoUserSession
from cognito_identity.tokens import CognitoAccessToken, CognitoIdToken
from cognito_identity.verify import (
    JwksCache,
    JwtCustomCheckError,
    JwtExpiredError,
    JwtInvalidSignatureError,
    KidNotFoundInJwksError,
    WaitPeriodNotYetEndedError,
)

from ..conftest import FakeClock, PoolIds
from .conftest import Tokens, issuer_of
from .helpers import resign, rotate_key, tamper_signature

pytestmark = pytest.mark.anyio


class CountingAsyncClient(httpx.AsyncClient):
    def __init__(self) -> None:
        super().__init__(timeout=5.0)
        self.jwks_requests = 0

    async def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:  # type: ignore[override]
        self.jwks_requests += request.url.path.endswith("/.well-known/jwks.json")
        return await super().send(request, **kwargs)


def make(pool: PoolIds, **settings: Any) -> AsyncCognitoJwtVerifier:
    settings.setdefault("token_use", "id")
    settings.setdefault("client_id", pool.client_id)
    return AsyncCognitoJwtVerifier(pool.user_pool_id, issuer=issuer_of(pool), **settings)


async def test_async_verify_and_session(pool: PoolIds, tokens: Tokens) -> None:
    async with make(pool, token_use=None) as verifier:
        claims = await verifier.verify(tokens.id_token)
        assert claims["cognito:username"] == tokens.username
        session = CognitoUserSession(
            CognitoIdToken(tokens.id_token), CognitoAccessToken(tokens.access_token)
        )
        id_claims, access_claims = await verifier.verify_session(session)
        assert access_claims["client_id"] == pool.client_id and id_claims == claims
        with pytest.raises(JwtInvalidSignatureError):
            await verifier.verify(tamper_signature(tokens.id_token))


async def test_async_expiry_with_injected_clock(
    pool: PoolIds, tokens: Tokens, clock: FakeClock
) -> None:
    async with make(pool, clock=clock) as verifier:
        await verifier.verify(tokens.id_token)
        clock.advance(7200)
        with pytest.raises(JwtExpiredError):
            await verifier.verify(tokens.id_token)


async def test_async_hydrate_then_verify_sync_without_io(pool: PoolIds, tokens: Tokens) -> None:
    client = CountingAsyncClient()
    async with client, make(pool, http_client=client) as verifier:
        await verifier.hydrate()
        assert verifier.verify_sync(tokens.id_token)["aud"] == pool.client_id
        assert client.jwks_requests == 1


async def test_async_custom_check_may_be_a_coroutine(pool: PoolIds, tokens: Tokens) -> None:
    async def example_email_only(_h: Any, payload: dict[str, Any], _jwk: Any) -> bool:
        return str(payload.get("email", "")).endswith("@example.com")

    async def failing(*_: Any) -> None:
        raise RuntimeError("directory down")

    async with make(pool) as verifier:
        assert await verifier.verify(tokens.id_token, custom_check=example_email_only)
        with pytest.raises(JwtCustomCheckError, match="RuntimeError: directory down"):
            await verifier.verify(tokens.id_token, custom_check=failing)
        await verifier.hydrate()
        with pytest.raises(JwtCustomCheckError, match="cannot run an async custom check"):
            verifier.verify_sync(tokens.id_token, custom_check=example_email_only)


async def test_async_kid_miss_refetches_once_per_interval(
    live_server: Any, pool: PoolIds, tokens: Tokens, clock: FakeClock
) -> None:
    ticks = [0.0]
    client = CountingAsyncClient()
    cache = JwksCache(monotonic=lambda: ticks[0])
    async with client, make(pool, http_client=client, jwks_cache=cache) as verifier:
        await verifier.verify(tokens.id_token)
        rotate_key(live_server, pool.user_pool_id, clock())
        rotated = resign(live_server, pool.user_pool_id, tokens.id_token)
        with pytest.raises(WaitPeriodNotYetEndedError):
            await verifier.verify(rotated)
        ticks[0] += 10
        assert await verifier.verify(rotated)
        header = base64.urlsafe_b64encode(json.dumps({"kid": "x", "alg": "RS256"}).encode())
        unknown = header.rstrip(b"=").decode() + rotated[rotated.index(".") :]
        ticks[0] += 10
        with pytest.raises(KidNotFoundInJwksError):
            await verifier.verify(unknown)
        with pytest.raises(WaitPeriodNotYetEndedError):
            await verifier.verify(unknown)
        assert client.jwks_requests == 3
