"""Brute-force protection: repeated wrong passwords lock the user out for a growing time.

The policy (close to what Cognito documents): the first :data:`FREE_FAILURES` consecutive
wrong passwords cost nothing; the 5th locks the user for 1 second, and every further failure
doubles the lock (2 s, 4 s, ...) up to :data:`MAX_LOCK_SECONDS` (15 minutes). While locked,
every sign-in with a password is refused with NotAuthorizedException "Password attempts
exceeded", *before* the password is looked at, so even the right one fails and a guess costs
nothing to the guesser's knowledge. A correct password once the lock is over resets the count.
It applies to USER_SRP_AUTH, USER_PASSWORD_AUTH and ChangePassword's PreviousPassword.

The counter and the lock end live in ``users.failed_logins`` / ``users.locked_until``, so every
server process sharing the database sees them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...errors import NotAuthorizedException
from ..ops import OpContext

if TYPE_CHECKING:  # users imports this module
    from .users import UserRecord

FREE_FAILURES = 4
MAX_LOCK_SECONDS = 15 * 60.0
LOCKED = "Password attempts exceeded"
# 2**10 s already passes the cap; bounding the exponent keeps the float maths finite.
_MAX_DOUBLINGS = 10


def lock_seconds(failures: int) -> float:
    """How long ``failures`` consecutive wrong passwords lock the user (0: not locked)."""
    if failures <= FREE_FAILURES:
        return 0.0
    doublings = min(failures - FREE_FAILURES - 1, _MAX_DOUBLINGS)
    return min(float(2**doublings), MAX_LOCK_SECONDS)


def locked_until(failures: int, now: float) -> float | None:
    """The end of the lock after ``failures`` failures at ``now``, or None."""
    seconds = lock_seconds(failures)
    return now + seconds if seconds else None


def check(ctx: OpContext, user: UserRecord) -> None:
    """NotAuthorizedException "Password attempts exceeded" while the user is locked out."""
    if user.locked_until is not None and user.locked_until > ctx.now:
        raise NotAuthorizedException(LOCKED)
