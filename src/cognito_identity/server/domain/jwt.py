"""RS256 JSON Web Tokens: signing with a pool's key and checking tokens the server issued.

Written on ``cryptography`` directly (RSASSA-PKCS1-v1_5 with SHA-256) to keep the server's
dependencies small; the SDK's verifier checks these tokens independently.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def b64url_decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _json(value: Any) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=False).encode()


def encode(claims: dict[str, Any], key: rsa.RSAPrivateKey, kid: str) -> str:
    """Sign ``claims`` as a compact JWS with header ``{"kid": kid, "alg": "RS256"}``."""
    header = b64url(_json({"kid": kid, "alg": "RS256"}))
    payload = b64url(_json(claims))
    signing_input = f"{header}.{payload}".encode()
    signature = key.sign(signing_input, padding.PKCS1v15(), hashes.SHA256())
    return f"{header}.{payload}.{b64url(signature)}"


class TokenError(ValueError):
    """The token is malformed or its signature does not check out."""


def split(token: str) -> tuple[dict[str, Any], dict[str, Any], bytes, bytes]:
    """Header, claims, signing input and signature of a compact JWS, without checking it.

    Raises:
        TokenError: not three base64url parts of JSON objects.
    """
    parts = token.split(".")
    if len(parts) != 3:
        raise TokenError("not a JWT")
    try:
        header = json.loads(b64url_decode(parts[0]))
        claims = json.loads(b64url_decode(parts[1]))
        signature = b64url_decode(parts[2])
    except (ValueError, UnicodeDecodeError) as exc:
        raise TokenError("not a JWT") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise TokenError("not a JWT")
    return header, claims, f"{parts[0]}.{parts[1]}".encode(), signature


def verify_signature(signing_input: bytes, signature: bytes, key: rsa.RSAPublicKey) -> None:
    """Raises TokenError unless ``signature`` is a valid RS256 signature of ``signing_input``."""
    try:
        key.verify(signature, signing_input, padding.PKCS1v15(), hashes.SHA256())
    except InvalidSignature as exc:
        raise TokenError("invalid signature") from exc
