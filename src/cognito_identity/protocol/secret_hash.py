"""SECRET_HASH for app clients that have a client secret."""

from __future__ import annotations

import base64
import hashlib
import hmac


def secret_hash(username: str, client_id: str, client_secret: str) -> str:
    """``base64(HMAC-SHA256(key=client_secret, msg=username + client_id))``.

    After an SRP challenge, ``username`` must be the challenge's USER_ID_FOR_SRP; for
    REFRESH_TOKEN_AUTH it must be the user's real username (or sub), never an alias.
    """
    digest = hmac.new(
        client_secret.encode(), (username + client_id).encode(), hashlib.sha256
    ).digest()
    return base64.b64encode(digest).decode()


def verify_secret_hash(value: str, username: str, client_id: str, client_secret: str) -> bool:
    """Constant-time check of a SECRET_HASH."""
    expected = secret_hash(username, client_id, client_secret)
    return hmac.compare_digest(expected.encode(), value.encode())
