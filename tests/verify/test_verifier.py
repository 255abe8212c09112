"""CognitoJwtVerifier against the live local server: signatures, claims, JWKS cache."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from cognito_identity import CognitoError, CognitoJwtVerifier, CognitoUserSession
from cognito_identity.tokens import CognitoAccessToken, CognitoIdToken
from cognito_identity.verify import (
    JwksCache,
    JwksFetchError,
    JwksNotAvailableInCacheError,
    JwtCustomCheckError,
    JwtExpiredError,
    JwtInvalidAudienceError,
    JwtInvalidClientIdError,
    JwtInvalidGroupError,
    JwtInvalidIssuerError,
    JwtInvalidScopeError,
    JwtInvalidSignatureError,
    JwtInvalidTokenUseError,
    JwtNotBeforeError,
    JwtParseError,
    JwtVerificationError,
    KidNotFoundInJwksError,
    WaitPeriodNotYetEndedError,
)

from ..conftest import FakeClock, PoolIds
from .conftest import CountingClient, Tokens, issuer_of
from .helpers import resign, rotate_key, tamper_signature


class Monotonic:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def make_verifier(pool: PoolIds) -> Iterator[Callable[..., CognitoJwtVerifier]]:
    """Verifiers of ``pool`` for the local issuer (ID tokens of its client by default)."""
    made: list[CognitoJwtVerifier] = []

    def make(**settings: Any) -> CognitoJwtVerifier:
        settings.setdefault("token_use", "id")
        settings.setdefault("client_id", pool.client_id)
        settings.setdefault("issuer", issuer_of(pool))
        made.append(CognitoJwtVerifier(pool.user_pool_id, **settings))
        return made[-1]

    yield make
    for verifier in made:
        verifier.close()


def test_valid_id_and_access_tokens_pass(pool: PoolIds, tokens: Tokens, make_verifier: Any) -> None:
    verifier = make_verifier()
    claims = verifier.verify(tokens.id_token)
    assert claims["cognito:username"] == tokens.username
    assert claims["aud"] == pool.client_id
    access = verifier.verify(tokens.access_token, token_use="access")
    assert access["client_id"] == pool.client_id
    assert access["sub"] == claims["sub"]


def test_token_use_none_accepts_both_and_checks_the_right_client_claim(
    pool: PoolIds, tokens: Tokens, make_verifier: Any
) -> None:
    verifier = make_verifier(token_use=None, client_id=["other", pool.client_id])
    assert verifier.verify(tokens.id_token)["token_use"] == "id"
    assert verifier.verify(tokens.access_token)["token_use"] == "access"


def test_tampered_signature_and_payload_are_refused(
    live_server: Any, pool: PoolIds, tokens: Tokens, make_verifier: Any
) -> None:
    verifier = make_verifier()
    with pytest.raises(JwtInvalidSignatureError, match="signature does not match"):
        verifier.verify(tamper_signature(tokens.id_token))
    header, payload, signature = tokens.id_token.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["cognito:username"] = "mallory"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(JwtInvalidSignatureError):
        verifier.verify(f"{header}.{forged}.{signature}")


def test_wrong_issuer_is_refused_without_fetching(
    pool: PoolIds, tokens: Tokens, counting_client: CountingClient, make_verifier: Any
) -> None:
    # The default issuer is AWS's; the local server's tokens name the local issuer.
    verifier = make_verifier(issuer=None, http_client=counting_client)
    with pytest.raises(JwtInvalidIssuerError, match=r"iss 'http://127\.0\.0\.1"):
        verifier.verify(tokens.id_token)
    assert counting_client.jwks_requests == 0


def test_wrong_client_is_refused(pool: PoolIds, tokens: Tokens, make_verifier: Any) -> None:
    verifier = make_verifier(client_id="someone-else")
    with pytest.raises(JwtInvalidAudienceError, match="aud"):
        verifier.verify(tokens.id_token)
    with pytest.raises(JwtInvalidClientIdError, match="client_id"):
        verifier.verify(tokens.access_token, token_use="access")
    assert make_verifier(client_id=None).verify(tokens.id_token)["aud"] == pool.client_id


def test_expired_token_is_refused_with_the_injected_clock(
    pool: PoolIds, tokens: Tokens, clock: FakeClock, make_verifier: Any
) -> None:
    verifier = make_verifier(clock=clock)
    verifier.verify(tokens.id_token)
    clock.advance(3600)  # ID tokens last an hour by default
    with pytest.raises(JwtExpiredError, match=r"exp .* is past"):
        verifier.verify(tokens.id_token)
    assert verifier.verify(tokens.id_token, clock_tolerance=5)["token_use"] == "id"
    clock.advance(5)
    with pytest.raises(JwtExpiredError):
        verifier.verify(tokens.id_token, clock_tolerance=5)


def test_token_from_the_future_is_refused(
    live_server: Any, pool: PoolIds, tokens: Tokens, clock: FakeClock, make_verifier: Any
) -> None:
    verifier = make_verifier(clock=clock)
    now = int(clock())
    not_yet = resign(live_server, pool.user_pool_id, tokens.id_token, nbf=now + 60)
    with pytest.raises(JwtNotBeforeError, match="nbf"):
        verifier.verify(not_yet)
    assert verifier.verify(not_yet, clock_tolerance=60)
    issued_later = resign(live_server, pool.user_pool_id, tokens.id_token, iat=now + 60)
    with pytest.raises(JwtNotBeforeError, match="iat"):
        verifier.verify(issued_later)


def test_id_token_where_an_access_token_is_required(
    pool: PoolIds, tokens: Tokens, make_verifier: Any
) -> None:
    verifier = make_verifier(token_use="access")
    with pytest.raises(JwtInvalidTokenUseError, match="token_use 'id' is not 'access'"):
        verifier.verify(tokens.id_token)


def test_key_rotation_refetches_the_jwks(
    live_server: Any,
    pool: PoolIds,
    tokens: Tokens,
    clock: FakeClock,
    counting_client: Any,
    make_verifier: Any,
) -> None:
    monotonic = Monotonic()
    cache = JwksCache(monotonic=monotonic)
    verifier = make_verifier(http_client=counting_client, jwks_cache=cache)
    verifier.verify(tokens.id_token)
    new_kid = rotate_key(live_server, pool.user_pool_id, clock())
    rotated = resign(live_server, pool.user_pool_id, tokens.id_token)
    assert json.loads(base64.urlsafe_b64decode(rotated.split(".")[0] + "=="))["kid"] == new_kid
    monotonic.now += 10  # the wait after the first fetch is over
    assert verifier.verify(rotated)["sub"] == verifier.verify(tokens.id_token)["sub"]
    assert counting_client.jwks_requests == 2


def test_unknown_kid_does_not_hammer_the_server(
    pool: PoolIds, tokens: Tokens, counting_client: CountingClient, make_verifier: Any
) -> None:
    monotonic = Monotonic()
    cache = JwksCache(monotonic=monotonic)
    verifier = make_verifier(http_client=counting_client, jwks_cache=cache)
    header = base64.urlsafe_b64encode(b'{"kid":"never-seen","alg":"RS256"}').rstrip(b"=")
    unknown = header.decode() + tokens.id_token[tokens.id_token.index(".") :]
    with pytest.raises(KidNotFoundInJwksError, match="kid 'never-seen' not found") as first:
        verifier.verify(unknown)
    assert not isinstance(first.value, WaitPeriodNotYetEndedError)
    for _ in range(20):
        with pytest.raises(WaitPeriodNotYetEndedError, match="fetched again in"):
            verifier.verify(unknown)
    assert counting_client.jwks_requests == 1
    monotonic.now += 10
    with pytest.raises(KidNotFoundInJwksError):
        verifier.verify(unknown)
    assert counting_client.jwks_requests == 2
    verifier.verify(tokens.id_token)  # known kids still verify during the wait
    assert counting_client.jwks_requests == 2


def test_refetch_interval_is_configurable(
    live_server: Any,
    pool: PoolIds,
    tokens: Tokens,
    clock: FakeClock,
    counting_client: Any,
    make_verifier: Any,
) -> None:
    monotonic = Monotonic()
    cache = JwksCache(refetch_interval=60, monotonic=monotonic)
    verifier = make_verifier(http_client=counting_client, jwks_cache=cache)
    verifier.hydrate()
    rotate_key(live_server, pool.user_pool_id, clock())
    rotated = resign(live_server, pool.user_pool_id, tokens.id_token)
    monotonic.now += 30
    with pytest.raises(WaitPeriodNotYetEndedError):
        verifier.verify(rotated)
    monotonic.now += 30
    assert verifier.verify(rotated)
    assert counting_client.jwks_requests == 2


def test_groups_and_scope(
    live_server: Any, pool: PoolIds, tokens: Tokens, make_verifier: Any
) -> None:
    crafted = resign(
        live_server,
        pool.user_pool_id,
        tokens.access_token,
        **{"cognito:groups": ["admin", "dev"], "scope": "orders/read orders/write"},
    )
    verifier = make_verifier(token_use="access", groups=["ops", "admin"])
    assert verifier.verify(crafted, scope="orders/write")["cognito:groups"] == ["admin", "dev"]
    with pytest.raises(JwtInvalidGroupError, match="none of \\['ops'\\]"):
        verifier.verify(crafted, groups="ops")
    with pytest.raises(JwtInvalidScopeError, match="orders/delete"):
        verifier.verify(crafted, scope=["orders/delete"])
    with pytest.raises(JwtInvalidGroupError):
        verifier.verify(tokens.access_token)  # the server's token has no groups
    server_scope = "aws.cognito.signin.user.admin"
    assert verifier.verify(tokens.access_token, groups=None, scope=server_scope)


def test_custom_check(pool: PoolIds, tokens: Tokens, make_verifier: Any) -> None:
    seen: list[Any] = []

    def record(header: dict[str, Any], payload: dict[str, Any], jwk: Any) -> None:
        seen.append((header["kid"], jwk.kid, payload["token_use"]))

    make_verifier(custom_check=record).verify(tokens.id_token)
    assert seen and seen[0][0] == seen[0][1]
    verifier = make_verifier()
    with pytest.raises(JwtCustomCheckError, match="returned False"):
        verifier.verify(tokens.id_token, custom_check=lambda *_: False)

    def explode(*_: Any) -> None:
        raise ValueError("email not verified")

    with pytest.raises(JwtCustomCheckError, match="ValueError: email not verified") as caught:
        verifier.verify(tokens.id_token, custom_check=explode)
    assert isinstance(caught.value.__cause__, ValueError)


def test_verify_sync_needs_the_cache(pool: PoolIds, tokens: Tokens, make_verifier: Any) -> None:
    verifier = make_verifier()
    with pytest.raises(JwksNotAvailableInCacheError, match="hydrate"):
        verifier.verify_sync(tokens.id_token)
    jwks = httpx.get(verifier.jwks_uri).json()
    verifier.cache_jwks(jwks)
    assert verifier.verify_sync(tokens.id_token)["aud"] == pool.client_id


def test_cached_jwks_means_no_fetch(
    pool: PoolIds, tokens: Tokens, counting_client: CountingClient, make_verifier: Any
) -> None:
    jwks = httpx.get(issuer_of(pool) + "/.well-known/jwks.json").json()
    verifier = make_verifier(http_client=counting_client)
    verifier.cache_jwks(jwks)
    for _ in range(3):
        verifier.verify(tokens.id_token)
    assert counting_client.jwks_requests == 0


def test_aws_style_issuer_with_a_jwks_uri_override(
    live_server: Any, pool: PoolIds, tokens: Tokens
) -> None:
    aws_issuer = f"https://cognito-idp.us-east-1.amazonaws.com/{pool.user_pool_id}"
    as_aws = resign(live_server, pool.user_pool_id, tokens.id_token, iss=aws_issuer)
    with CognitoJwtVerifier(
        pool.user_pool_id,
        token_use="id",
        client_id=pool.client_id,
        jwks_uri=issuer_of(pool) + "/.well-known/jwks.json",
    ) as verifier:
        assert verifier.issuer == aws_issuer
        assert verifier.verify(as_aws)["iss"] == aws_issuer
        with pytest.raises(JwtInvalidIssuerError):
            verifier.verify(tokens.id_token)


def test_session_verify_checks_both_tokens(
    pool: PoolIds, tokens: Tokens, make_verifier: Any
) -> None:
    session = CognitoUserSession(
        CognitoIdToken(tokens.id_token), CognitoAccessToken(tokens.access_token)
    )
    verifier = make_verifier(token_use=None)
    id_claims, access_claims = session.verify(verifier)
    assert (id_claims["token_use"], access_claims["token_use"]) == ("id", "access")
    assert verifier.verify_session(session) == (id_claims, access_claims)
    swapped = CognitoUserSession(
        CognitoIdToken(tokens.access_token), CognitoAccessToken(tokens.id_token)
    )
    with pytest.raises(JwtInvalidTokenUseError):
        swapped.verify(verifier)


@pytest.mark.parametrize(
    ("token", "message"),
    [
        (None, "not a non-empty string"),
        ("", "not a non-empty string"),
        ("a.b", "2 parts"),
        ("a.b.c.d", "4 parts"),
        ("!!!.e30.AA", "header is not base64url"),
        ("e30=.e30.AA", "header is not base64url"),
        ("bm90IGpzb24.e30.AA", "header is not JSON"),
        ("W10.e30.AA", "header is not a JSON object"),
        ("x" * 70000, "longer than"),
    ],
)
def test_malformed_tokens(token: Any, message: str) -> None:
    verifier = CognitoJwtVerifier("us-east-1_AbC123", token_use="id", client_id=None)
    with pytest.raises(JwtParseError, match=message):
        verifier.verify(token)


@pytest.mark.parametrize("alg", ["none", "HS256", "RS512", None])
def test_only_rs256_is_accepted(alg: Any) -> None:
    header = base64.urlsafe_b64encode(json.dumps({"alg": alg, "kid": "k"}).encode())
    token = header.rstrip(b"=").decode() + ".e30.AA"
    verifier = CognitoJwtVerifier("us-east-1_AbC123", token_use="id", client_id=None)
    with pytest.raises(JwtInvalidSignatureError, match=f"alg {alg!r} is not allowed"):
        verifier.verify(token)


@pytest.mark.parametrize(
    ("change", "message"),
    [({"alg": "RS512"}, "alg 'RS512'"), ({"use": "enc"}, "use 'enc'")],
)
def test_jwk_must_fit_rs256_signing(
    pool: PoolIds, tokens: Tokens, change: dict[str, str], message: str, make_verifier: Any
) -> None:
    jwks = httpx.get(issuer_of(pool) + "/.well-known/jwks.json").json()
    verifier = make_verifier()
    verifier.cache_jwks({"keys": [{**key, **change} for key in jwks["keys"]]})
    with pytest.raises(JwtInvalidSignatureError, match=message):
        verifier.verify_sync(tokens.id_token)


def test_non_rsa_jwk_is_refused(pool: PoolIds, tokens: Tokens, make_verifier: Any) -> None:
    kid = json.loads(base64.urlsafe_b64decode(tokens.id_token.split(".")[0] + "=="))["kid"]
    verifier = make_verifier()
    verifier.cache_jwks({"keys": [{"kid": kid, "kty": "EC", "crv": "P-256", "x": "A", "y": "A"}]})
    with pytest.raises(JwtInvalidSignatureError, match="kty 'EC'"):
        verifier.verify_sync(tokens.id_token)


def test_jwks_fetch_errors(pool: PoolIds, tokens: Tokens, make_verifier: Any) -> None:
    missing = make_verifier(jwks_uri=pool.endpoint + "us-east-1_Nope123/.well-known/jwks.json")
    with pytest.raises(JwksFetchError, match="HTTP 404"):
        missing.verify(tokens.id_token)
    not_jwks = make_verifier(jwks_uri=pool.endpoint + "_local/health")
    with pytest.raises(JwksFetchError, match="not a JSON object with a 'keys' list"):
        not_jwks.verify(tokens.id_token)
    unreachable = make_verifier(jwks_uri="http://127.0.0.1:9/jwks.json")
    with pytest.raises(JwksFetchError, match="ConnectError"):
        unreachable.verify(tokens.id_token)
    with pytest.raises(JwksFetchError, match="'keys' list"):
        make_verifier().cache_jwks({"keys": "nope"})


def test_errors_are_cognito_errors_with_one_line_messages() -> None:
    error = JwtExpiredError("exp 1 is past (now 2, tolerance 0 s)")
    assert isinstance(error, JwtVerificationError) and isinstance(error, CognitoError)
    assert str(error) == "JwtExpiredError: exp 1 is past (now 2, tolerance 0 s)"
    assert issubclass(WaitPeriodNotYetEndedError, KidNotFoundInJwksError)


def test_verifier_settings_are_checked() -> None:
    with pytest.raises(ValueError, match="Invalid UserPoolId format"):
        CognitoJwtVerifier("nope", token_use="id", client_id=None)
    with pytest.raises(TypeError):
        CognitoJwtVerifier("us-east-1_AbC123")
    verifier = CognitoJwtVerifier("eu-west-2_AbC123", token_use="id", client_id=None)
    assert verifier.jwks_uri == (
        "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC123/.well-known/jwks.json"
    )
    with pytest.raises(TypeError):
        verifier.verify("a.b.c", audience="x")


def test_import_does_not_load_cryptography() -> None:
    code = (
        "import sys, cognito_identity, cognito_identity.verify, cognito_identity.identity\n"
        "heavy = [m for m in sys.modules if m.split('.')[0] in ('cryptography', 'boto3', 'jwt')]\n"
        "print(heavy); sys.exit(1 if heavy else 0)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
