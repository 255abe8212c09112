"""MFA sign-ins waiting for their code, between the log-in page and the code page.

Nothing is kept on the server: the log-in request puts the challenge's
:meth:`~cognito_identity.challenges.BaseChallenge.to_state` (with the pool's opaque ``Session``)
and the email address in a cookie, signed with HMAC-SHA256 under the app's
:attr:`~.web.AppConfig.secret_key`; the code request checks the signature (in constant time)
and the expiry, then rebuilds the challenge with ``user.resume_challenge(state)``. Any worker
process sharing the secret can answer it.

The cookie is HttpOnly (scripts cannot read it) and SameSite=Lax, and lasts three minutes, the
lifetime of Cognito's challenge session. It is signed, not encrypted: the browser can read the
masked email address the code went to, never a password or a token.

Format: ``<base64url(JSON payload)>.<base64url(HMAC-SHA256 of the first part)>``, the payload
being ``{"state": ..., "email": ..., "exp": <unix time>}``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

LIFETIME = 180
COOKIE = "webapp_pending"


@dataclass(frozen=True)
class Pending:
    """A password that was right, waiting for the second factor."""

    state: dict[str, Any]  # the challenge's to_state()
    email: str


class PendingSignIns:
    """Signs and checks the cookie holding a :class:`Pending`.

    Args:
        secret: the HMAC key (the app's ``secret_key``; at least 32 random bytes).
        lifetime: seconds a cookie is accepted after it was made.
        clock: the time source (``time.time``).
    """

    def __init__(
        self, secret: bytes, lifetime: int = LIFETIME, clock: Callable[[], float] = time.time
    ) -> None:
        if len(secret) < 16:
            raise ValueError("The secret key must have at least 16 bytes.")
        self._secret = secret
        self.lifetime = lifetime
        self._clock = clock

    def dump(self, state: dict[str, Any], email: str) -> str:
        """The cookie value for ``state`` (a challenge's ``to_state()``) and ``email``."""
        payload = {"state": state, "email": email, "exp": int(self._clock()) + self.lifetime}
        body = _encode(json.dumps(payload, separators=(",", ":")).encode("utf-8"))
        return f"{body}.{self._sign(body)}"

    def load(self, value: str | None) -> Pending | None:
        """The :class:`Pending` in a cookie value; ``None`` if absent, forged or expired."""
        body, dot, signature = (value or "").partition(".")
        expected = self._sign(body).encode("ascii")
        if not dot or not hmac.compare_digest(signature.encode("utf-8"), expected):
            return None
        try:
            payload = json.loads(_decode(body))
        except (ValueError, binascii.Error):
            return None
        if not isinstance(payload, dict):
            return None
        expires, state, email = payload.get("exp"), payload.get("state"), payload.get("email")
        if not isinstance(expires, int) or expires <= self._clock():
            return None
        if not isinstance(state, dict) or not isinstance(email, str):
            return None
        return Pending(state, email)

    def _sign(self, body: str) -> str:
        return _encode(hmac.new(self._secret, body.encode("utf-8"), hashlib.sha256).digest())


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _decode(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
