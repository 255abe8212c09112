"""Test helpers for the SDK: unsigned JWTs and a scripted sender for flows."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from cognito_identity._wire import Call


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def make_jwt(**claims: Any) -> str:
    """A JWT-shaped token with ``claims`` (the signature is junk: the SDK never checks it)."""
    header = b64url(json.dumps({"alg": "RS256", "kid": "k"}).encode())
    return f"{header}.{b64url(json.dumps(claims).encode())}.c2ln"


def auth_result(
    now: float, *, lifetime: int = 3600, refresh: str | None = "refresh-1"
) -> dict[str, Any]:
    """An AuthenticationResult whose tokens were issued at ``now``."""
    iat = int(now)
    result: dict[str, Any] = {
        "IdToken": make_jwt(sub="s-1", iat=iat, exp=iat + lifetime, token_use="id"),
        "AccessToken": make_jwt(username="s-1", iat=iat, exp=iat + lifetime, token_use="access"),
        "ExpiresIn": lifetime,
        "TokenType": "Bearer",
    }
    if refresh is not None:
        result["RefreshToken"] = refresh
    return result


class ScriptedSender:
    """A sender that records calls and answers each with the next handler's result."""

    def __init__(self, *handlers: Callable[[Call], dict[str, Any]]) -> None:
        self.handlers = list(handlers)
        self.calls: list[Call] = []

    def send(self, call: Call) -> dict[str, Any]:
        self.calls.append(call)
        return self.handlers.pop(0)(call)
