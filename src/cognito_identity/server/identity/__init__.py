"""Identity pools: the ``cognito-identity`` service (target ``AWSCognitoIdentityService``).

A registry of its own, apart from the user pool operations of :mod:`..ops`, so each service's
table holds only its own names. Handlers have the same signature and context
(:class:`..ops.OpContext`); the app picks the table by the ``X-Amz-Target`` prefix.

Supported: CreateIdentityPool, DescribeIdentityPool, DeleteIdentityPool, GetId,
GetCredentialsForIdentity, GetOpenIdToken. Logins are checked against this server's own user
pools only (signature with the pool's key, ``exp``, ``aud``); the AWS credentials handed out are
clearly fake (``ASIALOCAL...``) and unusable on AWS.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable

from ..ops import Handler

IDENTITY_OPERATIONS: dict[str, Handler] = {}


def identity_operation(name: str) -> Callable[[Handler], Handler]:
    """Register an identity pool handler under its wire name (``"GetId"``)."""

    def register(handler: Handler) -> Handler:
        if name in IDENTITY_OPERATIONS:
            raise RuntimeError(f"identity operation {name} registered twice")
        IDENTITY_OPERATIONS[name] = handler
        return handler

    return register


def load_identity_operations() -> dict[str, Handler]:
    """Import the handlers so they register; return the table."""
    importlib.import_module(f"{__name__}.ops")
    return IDENTITY_OPERATIONS
