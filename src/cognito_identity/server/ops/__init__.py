"""Server operations: one function per Cognito operation, registered by its wire name.

A handler takes the :class:`OpContext` of the request and the validated JSON body, and returns
the response body. It raises :class:`cognito_identity.errors.CognitoServiceError` subclasses for
AWS errors; the app renders them as ``{"__type": code, "message": ...}`` with their status.
Each request runs in one database transaction (``ctx.conn``): a raised error rolls it back.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from ..config import ServerConfig

Body = dict[str, Any]


@dataclass
class OpContext:
    """What a handler may use: the transaction, the injected clock and randomness, the URL."""

    config: ServerConfig
    conn: Connection
    now: float
    base_url: str
    headers: Mapping[str, str]
    operation: str = ""
    # The validated request body, for what reaches Lambda triggers from any depth of the flow
    # (ClientMetadata, ValidationData, the flow or challenge that mints tokens).
    body: Mapping[str, Any] = field(default_factory=dict)

    def random_bytes(self, n: int) -> bytes:
        return self.config.random_bytes(n)

    def issuer(self, pool_id: str) -> str:
        """The ``iss`` of this pool's tokens: ``<public base URL>/<pool id>``."""
        return f"{self.base_url.rstrip('/')}/{pool_id}"


Handler = Callable[[OpContext, Body], Body]
OPERATIONS: dict[str, Handler] = {}


def operation(name: str) -> Callable[[Handler], Handler]:
    """Register a handler under its wire name (``"SignUp"``)."""

    def register(handler: Handler) -> Handler:
        if name in OPERATIONS:
            raise RuntimeError(f"operation {name} registered twice")
        OPERATIONS[name] = handler
        return handler

    return register


def load_operations() -> dict[str, Handler]:
    """Import every module of this package so their handlers register; return the table."""
    for info in pkgutil.iter_modules(__path__):
        importlib.import_module(f"{__name__}.{info.name}")
    return OPERATIONS
