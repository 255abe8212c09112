"""Crafting tokens the server does not issue (yet), signed with a pool's own key."""

from __future__ import annotations

from typing import Any

from cognito_identity.tokens import decode_jwt_payload


def sign_with_pool_key(server: Any, pool_id: str, claims: dict[str, Any]) -> str:
    """``claims`` as an RS256 JWT signed with the pool's newest key (through the app's engine)."""
    from cognito_identity.server.domain import jwt, keys

    with server.engine.connect() as conn:
        key = keys.signing_key(conn, pool_id)
    return jwt.encode(claims, key.private_key, key.kid)


def rotate_key(server: Any, pool_id: str, now: float) -> str:
    """Add a new signing key to the pool (new tokens are signed with it); returns its kid."""
    from cognito_identity.server.domain import keys

    with server.engine.begin() as conn:
        return keys.create_pool_key(conn, pool_id, now + 1).kid


def resign(server: Any, pool_id: str, token: str, **changes: Any) -> str:
    """``token``'s claims with ``changes``, signed again with the pool's newest key."""
    return sign_with_pool_key(server, pool_id, {**decode_jwt_payload(token), **changes})


def tamper_signature(token: str) -> str:
    """``token`` with one signature character changed."""
    head, _, signature = token.rpartition(".")
    flipped = "A" if signature[10] != "A" else "B"
    return f"{head}.{signature[:10]}{flipped}{signature[11:]}"
