"""The pure checks behind :mod:`cognito_identity.verify`: decoding, signature, claims.

No I/O and no clock here: the verifier passes the key and the time in, so the sync and async
verifiers share every rule.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ._jwks import Jwk
from ._jwt_errors import (
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
)

ALGORITHM = "RS256"
# Cognito tokens are a few KB (more with many groups); anything far larger is not one of them.
MAX_TOKEN_LENGTH = 64 * 1024
_BASE64URL = re.compile(r"[A-Za-z0-9_-]*", re.ASCII)


@dataclass(frozen=True)
class DecomposedJwt:
    """A compact JWS split into its parts, nothing checked yet but the format."""

    header: dict[str, Any]
    payload: dict[str, Any]
    signing_input: bytes = field(repr=False)
    signature: bytes = field(repr=False)


def _b64url(segment: str, what: str) -> bytes:
    if _BASE64URL.fullmatch(segment) is None:
        raise JwtParseError(f"JWT {what} is not base64url without padding")
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError) as exc:
        raise JwtParseError(f"JWT {what} is not valid base64url") from exc


def _json_object(segment: str, what: str) -> dict[str, Any]:
    try:
        value = json.loads(_b64url(segment, what))
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise JwtParseError(f"JWT {what} is not JSON") from exc
    if not isinstance(value, dict):
        raise JwtParseError(f"JWT {what} is not a JSON object")
    return value


def decompose(token: Any) -> DecomposedJwt:
    """Split ``token`` into header, payload, signing input and signature.

    Raises:
        JwtParseError: not a string of three base64url parts with JSON object header/payload.
    """
    if not isinstance(token, str) or not token:
        raise JwtParseError("JWT is not a non-empty string")
    if len(token) > MAX_TOKEN_LENGTH:
        raise JwtParseError(f"JWT is longer than {MAX_TOKEN_LENGTH} characters")
    parts = token.split(".")
    if len(parts) != 3:
        raise JwtParseError(f"JWT has {len(parts)} parts, expected 3")
    header = _json_object(parts[0], "header")
    payload = _json_object(parts[1], "payload")
    signature = _b64url(parts[2], "signature")
    return DecomposedJwt(header, payload, f"{parts[0]}.{parts[1]}".encode(), signature)


def header_kid(jwt: DecomposedJwt) -> str:
    """The header's ``kid`` after checking the header's ``alg`` is RS256."""
    alg = jwt.header.get("alg")
    if alg != ALGORITHM:
        raise JwtInvalidSignatureError(f"JWT header alg {alg!r} is not allowed (only RS256)")
    kid = jwt.header.get("kid")
    if not isinstance(kid, str) or not kid:
        raise JwtParseError("JWT header has no string 'kid'")
    return kid


def check_jwk_fits(jwk: Jwk) -> None:
    """Raise unless ``jwk`` is an RSA signing key for RS256 (kty, use and alg members)."""
    if jwk.kty != "RSA" or jwk.public_key is None:
        raise JwtInvalidSignatureError(f"JWK {jwk.kid!r} has kty {jwk.kty!r}, expected 'RSA'")
    if jwk.use not in (None, "sig"):
        raise JwtInvalidSignatureError(f"JWK {jwk.kid!r} has use {jwk.use!r}, expected 'sig'")
    if jwk.alg not in (None, ALGORITHM):
        raise JwtInvalidSignatureError(f"JWK {jwk.kid!r} has alg {jwk.alg!r}, expected RS256")


def check_signature(jwt: DecomposedJwt, jwk: Jwk) -> None:
    """Raise :class:`JwtInvalidSignatureError` unless ``jwk`` signed ``jwt`` with RS256."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import padding

    check_jwk_fits(jwk)
    assert jwk.public_key is not None  # check_jwk_fits made sure
    try:
        jwk.public_key.verify(jwt.signature, jwt.signing_input, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature as exc:
        raise JwtInvalidSignatureError(f"JWT signature does not match JWK {jwk.kid!r}") from exc


def check_issuer(payload: dict[str, Any], issuer: str) -> None:
    """Raise unless ``iss`` is exactly ``issuer``."""
    if payload.get("iss") != issuer:
        raise JwtInvalidIssuerError(f"iss {payload.get('iss')!r} is not {issuer!r}")


def _number(payload: dict[str, Any], name: str, required: bool) -> float | None:
    value = payload.get(name)
    if value is None and not required:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise JwtParseError(f"claim {name!r} is missing or not a number")
    return float(value)


def check_times(payload: dict[str, Any], now: float, tolerance: float) -> None:
    """Raise if the token is expired or not yet valid at ``now`` (``tolerance`` seconds of slack).

    ``exp`` is required; ``nbf`` and ``iat`` are checked when present.
    """
    exp = _number(payload, "exp", True)
    assert exp is not None
    if now >= exp + tolerance:
        raise JwtExpiredError(f"exp {exp:.0f} is past (now {now:.0f}, tolerance {tolerance:g} s)")
    for name in ("nbf", "iat"):
        value = _number(payload, name, False)
        if value is not None and now + tolerance < value:
            raise JwtNotBeforeError(
                f"{name} {value:.0f} is in the future (now {now:.0f}, tolerance {tolerance:g} s)"
            )


def check_token_use(payload: dict[str, Any], token_use: str | None) -> None:
    """Raise unless ``token_use`` is the expected one (any of id/access when ``None``)."""
    actual = payload.get("token_use")
    expected = ("id", "access") if token_use is None else (token_use,)
    if actual not in expected:
        wanted = " or ".join(repr(item) for item in expected)
        raise JwtInvalidTokenUseError(f"token_use {actual!r} is not {wanted}")


def _as_tuple(value: str | Iterable[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    return (value,) if isinstance(value, str) else tuple(value)


def check_client(payload: dict[str, Any], client_id: str | Iterable[str] | None) -> None:
    """Raise unless the token is for one of ``client_id`` (``None`` skips the check).

    ID tokens name the client in ``aud``, access tokens in ``client_id``.
    """
    accepted = _as_tuple(client_id)
    if accepted is None:
        return
    if payload.get("token_use") == "id":
        if payload.get("aud") not in accepted:
            raise JwtInvalidAudienceError(f"aud {payload.get('aud')!r} is not in {list(accepted)}")
    elif payload.get("client_id") not in accepted:
        raise JwtInvalidClientIdError(
            f"client_id {payload.get('client_id')!r} is not in {list(accepted)}"
        )


def check_groups(payload: dict[str, Any], groups: str | Iterable[str] | None) -> None:
    """Raise unless ``cognito:groups`` holds at least one of ``groups`` (``None`` skips)."""
    wanted = _as_tuple(groups)
    if wanted is None:
        return
    held = payload.get("cognito:groups")
    held_list = [held] if isinstance(held, str) else held if isinstance(held, list) else []
    if not set(wanted) & {item for item in held_list if isinstance(item, str)}:
        raise JwtInvalidGroupError(f"cognito:groups {held!r} has none of {list(wanted)}")


def check_scope(payload: dict[str, Any], scope: str | Iterable[str] | None) -> None:
    """Raise unless the space-separated ``scope`` holds one of ``scope`` (``None`` skips)."""
    wanted = _as_tuple(scope)
    if wanted is None:
        return
    held = payload.get("scope")
    held_set = set(held.split()) if isinstance(held, str) else set()
    if not set(wanted) & held_set:
        raise JwtInvalidScopeError(f"scope {held!r} has none of {list(wanted)}")
