"""Checking a password a signed-in user types again (ChangePassword's PreviousPassword).

Sign-in flows check passwords in :mod:`.auth` and :mod:`.srp_verifier`; this is the same rule
for an operation that already has an access token: lockout first, then the verifier, with the
failure counted and committed before the error leaves (see :mod:`.failures`).
"""

from __future__ import annotations

from ...errors import NotAuthorizedException
from ..ops import OpContext
from . import lockout, users
from .failures import committed_on_error
from .passwords import password_matches
from .records import PoolRecord

WRONG_PASSWORD = "Incorrect username or password."


def matches(pool: PoolRecord, user: users.UserRecord, password: str) -> bool:
    """Whether ``password`` is the user's (constant-time verifier comparison)."""
    if user.password_salt is None or user.password_verifier is None:
        return False
    salt, verifier = user.password_salt, user.password_verifier
    return password_matches(pool, user.username, password, salt, verifier)


def check_password(ctx: OpContext, pool: PoolRecord, user: users.UserRecord, password: str) -> None:
    """NotAuthorizedException unless ``password`` is right and the user is not locked out.

    Must run before any other write of the request: a failure commits the transaction.
    """
    with committed_on_error(ctx):
        lockout.check(ctx, user)
        if not matches(pool, user, password):
            users.record_login_failure(ctx, user)
            raise NotAuthorizedException(WRONG_PASSWORD)
    users.record_login_success(ctx, user)
