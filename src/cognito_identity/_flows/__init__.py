"""Sans-I/O authentication flows (generators of calls) and the drivers that run them."""

from ._driver import Flow, run_async, run_sync
from .auth import (
    AuthContext,
    Authenticated,
    AuthOutcome,
    ChallengeStep,
    password_login,
    refresh_session,
    srp_login,
)

__all__ = [
    "AuthContext",
    "AuthOutcome",
    "Authenticated",
    "ChallengeStep",
    "Flow",
    "password_login",
    "refresh_session",
    "run_async",
    "run_sync",
    "srp_login",
]
