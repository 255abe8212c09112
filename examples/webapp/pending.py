"""MFA sign-ins waiting for their code, between the log-in page and the code page.

The challenge (with the pool's opaque ``Session``) stays in this process's memory, keyed by a
random id kept in an HttpOnly cookie; entries end after three minutes, the lifetime of
Cognito's challenge session. One process only: an app with several workers would keep the
challenge session in a signed cookie instead.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from typing import Any

LIFETIME = 180.0
COOKIE = "webapp_pending"


@dataclass
class Pending:
    """A password that was right, waiting for the second factor."""

    user: Any  # the CognitoUser the challenge answers for
    challenge: Any  # SmsMfaChallenge | EmailOtpChallenge | TotpChallenge
    email: str
    created: float


class PendingSignIns:
    """A small, thread-safe, expiring map from a random id to a :class:`Pending`."""

    def __init__(self) -> None:
        self._items: dict[str, Pending] = {}
        self._lock = threading.Lock()

    def add(self, user: Any, challenge: Any, email: str) -> str:
        key = secrets.token_urlsafe(24)
        with self._lock:
            self._forget_old()
            self._items[key] = Pending(user, challenge, email, time.monotonic())
        return key

    def get(self, key: str | None) -> Pending | None:
        with self._lock:
            self._forget_old()
            return self._items.get(key or "")

    def discard(self, key: str | None) -> None:
        with self._lock:
            self._items.pop(key or "", None)

    def _forget_old(self) -> None:
        now = time.monotonic()
        for key in [k for k, item in self._items.items() if now - item.created > LIFETIME]:
            del self._items[key]
