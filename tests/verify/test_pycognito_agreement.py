"""pycognito's ``Cognito.verify_token`` and our verifier judge the same tokens the same way.

One documented difference: pycognito does not check ``client_id`` on access tokens.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pycognito import Cognito
from pycognito.exceptions import TokenVerificationException

from cognito_identity import CognitoJwtVerifier, JwtVerificationError

from ..conftest import PoolIds
from .conftest import Tokens, issuer_of
from .helpers import resign, tamper_signature


def _pycognito(pool: PoolIds, client_id: str) -> Cognito:
    return Cognito(
        pool.user_pool_id,
        client_id,
        user_pool_region="us-east-1",
        boto3_client_kwargs={
            "endpoint_url": pool.endpoint.rstrip("/"),
            "aws_access_key_id": "x",
            "aws_secret_access_key": "y",
        },
    )


@pytest.fixture
def ours(pool: PoolIds) -> Iterator[CognitoJwtVerifier]:
    with CognitoJwtVerifier(
        pool.user_pool_id, token_use=None, client_id=pool.client_id, issuer=issuer_of(pool)
    ) as verifier:
        yield verifier


def _pycognito_accepts(pool: PoolIds, token: str, token_use: str, client_id: str) -> bool:
    try:
        _pycognito(pool, client_id).verify_token(token, f"{token_use}_token", token_use)
    except TokenVerificationException:
        return False
    return True


def _ours_accepts(verifier: CognitoJwtVerifier, token: str, token_use: str, client: str) -> bool:
    try:
        verifier.verify(token, token_use=token_use, client_id=client)
    except JwtVerificationError:
        return False
    return True


def test_same_verdicts(live_server: Any, pool: PoolIds, tokens: Tokens, ours: Any) -> None:
    other_issuer = "https://cognito-idp.us-east-1.amazonaws.com/" + pool.user_pool_id
    cases = [
        (tokens.id_token, "id", pool.client_id, True),
        (tokens.access_token, "access", pool.client_id, True),
        (tamper_signature(tokens.id_token), "id", pool.client_id, False),
        (tamper_signature(tokens.access_token), "access", pool.client_id, False),
        (tokens.id_token, "id", "another-client", False),
        (tokens.access_token, "id", pool.client_id, False),
        (tokens.id_token, "access", pool.client_id, False),
        (
            resign(live_server, pool.user_pool_id, tokens.id_token, iss=other_issuer),
            "id",
            pool.client_id,
            False,
        ),
        (
            resign(live_server, pool.user_pool_id, tokens.id_token, exp=1),
            "id",
            pool.client_id,
            False,
        ),
    ]
    for token, token_use, client, expected in cases:
        assert _pycognito_accepts(pool, token, token_use, client) is expected
        assert _ours_accepts(ours, token, token_use, client) is expected
    claims = ours.verify(tokens.id_token, token_use="id")
    theirs = _pycognito(pool, pool.client_id).verify_token(tokens.id_token, "id_token", "id")
    assert claims == theirs


def test_pycognito_does_not_check_the_access_token_client(
    pool: PoolIds, tokens: Tokens, ours: Any
) -> None:
    assert _pycognito_accepts(pool, tokens.access_token, "access", "another-client")
    assert not _ours_accepts(ours, tokens.access_token, "access", "another-client")
