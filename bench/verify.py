"""Token verifications per second with a warm JWKS cache: ours against pycognito's verify_token.

Tokens come from an embedded local server (sign-up, AdminConfirmSignUp, USER_PASSWORD_AUTH);
both verifiers fetch the pool's JWKS once before timing starts, so the figures are pure CPU:
parsing, the RS256 signature check (2048-bit key) and the claim checks. Each figure is the
median rate over several batches.

    .venv/bin/python bench/verify.py [--batches 7] [--batch-size 500] [--note "..."]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import boto3
from botocore.config import Config
from common import markdown_table, report
from pycognito import Cognito

from cognito_identity import AsyncCognitoJwtVerifier, CognitoJwtVerifier
from cognito_identity.server.config import ServerConfig
from cognito_identity.server.embedded import EmbeddedServer

PASSWORD = "Corr3ct-Horse!"


def _tokens(endpoint: str) -> tuple[str, str, str, str]:
    """(pool id, client id, ID token, access token) of a fresh user on the server."""
    idp = boto3.client(
        "cognito-idp",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="local",
        aws_secret_access_key="local-secret",
        config=Config(retries={"max_attempts": 1}),
    )
    pool_id = idp.create_user_pool(PoolName="bench")["UserPool"]["Id"]
    client_id = idp.create_user_pool_client(
        UserPoolId=pool_id, ClientName="bench", ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"]
    )["UserPoolClient"]["ClientId"]
    idp.sign_up(ClientId=client_id, Username="bench", Password=PASSWORD)
    idp.admin_confirm_sign_up(UserPoolId=pool_id, Username="bench")
    result = idp.initiate_auth(
        ClientId=client_id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "bench", "PASSWORD": PASSWORD},
    )["AuthenticationResult"]
    return pool_id, client_id, result["IdToken"], result["AccessToken"]


def rate(call: Callable[[], Any], batches: int, size: int) -> float:
    """Median calls per second over ``batches`` batches of ``size`` calls."""
    call()  # warm-up (and a check that it passes)
    rates = []
    for _ in range(batches):
        started = time.perf_counter()
        for _ in range(size):
            call()
        rates.append(size / (time.perf_counter() - started))
    return statistics.median(rates)


def async_rate(verifier: AsyncCognitoJwtVerifier, token: str, batches: int, size: int) -> float:
    """Median awaited verifications per second (one event loop, sequential awaits)."""

    async def run() -> float:
        await verifier.verify(token)
        rates = []
        for _ in range(batches):
            started = time.perf_counter()
            for _ in range(size):
                await verifier.verify(token)
            rates.append(size / (time.perf_counter() - started))
        await verifier.aclose()
        return statistics.median(rates)

    return asyncio.run(run())


def measure(endpoint: str, batches: int, size: int) -> list[list[object]]:
    pool_id, client_id, id_token, access_token = _tokens(endpoint)
    issuer = f"{endpoint.rstrip('/')}/{pool_id}"
    ours = CognitoJwtVerifier(pool_id, token_use=None, client_id=client_id, issuer=issuer)
    ours.hydrate()
    theirs = Cognito(
        pool_id,
        client_id,
        user_pool_region="us-east-1",
        boto3_client_kwargs={"endpoint_url": endpoint.rstrip("/")},
    )
    theirs.get_keys()
    asynchronous = AsyncCognitoJwtVerifier(
        pool_id, token_use=None, client_id=client_id, issuer=issuer
    )
    asynchronous.cache_jwks(theirs.get_keys())
    sync_figures = [
        ("cognito_identity CognitoJwtVerifier.verify", "id", lambda: ours.verify(id_token)),
        ("cognito_identity CognitoJwtVerifier.verify", "access", lambda: ours.verify(access_token)),
        ("cognito_identity verify_sync", "id", lambda: ours.verify_sync(id_token)),
        (
            "pycognito Cognito.verify_token",
            "id",
            lambda: theirs.verify_token(id_token, "id_token", "id"),
        ),
        (
            "pycognito Cognito.verify_token",
            "access",
            lambda: theirs.verify_token(access_token, "access_token", "access"),
        ),
    ]
    rates = [(name, use, rate(call, batches, size)) for name, use, call in sync_figures]
    async_figure = async_rate(asynchronous, id_token, batches, size)
    rates.insert(3, ("cognito_identity AsyncCognitoJwtVerifier.verify", "id", async_figure))
    ours.close()
    return [[name, use, per_second, 1e6 / per_second] for name, use, per_second in rates]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batches", type=int, default=7)
    parser.add_argument("--batch-size", type=int, default=500)
    parser.add_argument("--note", default="")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data:
        config = ServerConfig(db_url=f"sqlite:///{Path(data) / 'bench.sqlite3'}")
        with EmbeddedServer(config) as server:
            rows = measure(server.endpoint, args.batches, args.batch_size)
    table = markdown_table(["verifier", "token", "verifications/s", "µs each"], rows)
    notes = (
        f"Warm JWKS cache, one thread, median of {args.batches} batches of "
        f"{args.batch_size}. pycognito parses the JWK again on every call (PyJWK) and does "
        "not check the access token's client_id; ours checks signature, iss, token_use, "
        "client id, exp/iat on every call. " + args.note
    ).strip()
    report("verify", "Token verification (bench/verify.py)", table, notes)


if __name__ == "__main__":
    main()
