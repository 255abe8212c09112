"""One-time verification codes: sign-up, forgot-password and attribute verification.

Only the SHA-256 of a code is stored; the clear code goes to the outbox. A newer code of the
same purpose replaces older ones, a code is single use, expires (sign-up codes after 24 hours,
the others after 1 hour), and dies after :data:`MAX_ATTEMPTS` wrong guesses. Asking for codes
is rate limited too: at most :data:`MAX_CODES_PER_WINDOW` codes of one purpose per user per
:data:`RATE_WINDOW` seconds, then LimitExceededException (this stops a script from flooding a
mailbox or phone).
"""

from __future__ import annotations

import hashlib
import hmac
import string
from typing import Any

import sqlalchemy as sa

from ...errors import CodeMismatchException, ExpiredCodeException, LimitExceededException
from ..ops import OpContext
from ..store.schema import codes
from .failures import commit_and_raise
from .ids import random_string

CODE_DIGITS = 6
MAX_ATTEMPTS = 5
SIGNUP_CODE_TTL = 24 * 3600.0
CODE_TTL = 3600.0
MAX_CODES_PER_WINDOW = 10
RATE_WINDOW = 3600.0

SIGNUP = "signup"
FORGOT_PASSWORD = "forgot_password"

MISMATCH = "Invalid verification code provided, please try again."
EXPIRED = "Invalid code provided, please request a code again."
ATTEMPTS = "Attempt limit exceeded, please try after some time."


def _hash(code: str) -> str:
    return hashlib.sha256(code.encode()).hexdigest()


def random_code(ctx: OpContext, digits: int = CODE_DIGITS) -> str:
    """A uniformly random decimal code (modulo bias below 2**-64, no rejection loop)."""
    return random_string(ctx.random_bytes, string.digits, digits)


def _live(pool_id: str, username_key: str, purpose: str) -> Any:
    return (
        (codes.c.pool_id == pool_id)
        & (codes.c.username_key == username_key)
        & (codes.c.purpose == purpose)
        & codes.c.consumed.is_(False)
    )


def invalidate(ctx: OpContext, pool_id: str, username_key: str, purpose: str) -> None:
    """Spend every open code of this purpose (a new code replaces them, or none is needed)."""
    ctx.conn.execute(
        codes.update().where(_live(pool_id, username_key, purpose)).values(consumed=True)
    )


def attribute_purpose(name: str) -> str:
    """The purpose of the codes that verify attribute ``name`` (``attribute:email``)."""
    return f"attribute:{name}"


def _check_rate(ctx: OpContext, pool_id: str, username_key: str, purpose: str) -> None:
    recent = ctx.conn.execute(
        sa.select(sa.func.count())
        .select_from(codes)
        .where(
            codes.c.pool_id == pool_id,
            codes.c.username_key == username_key,
            codes.c.purpose == purpose,
            codes.c.created_at > ctx.now - RATE_WINDOW,
        )
    ).scalar_one()
    if recent >= MAX_CODES_PER_WINDOW:
        raise LimitExceededException(ATTEMPTS)


def issue(ctx: OpContext, pool_id: str, username_key: str, purpose: str, ttl: float) -> str:
    """Make a new code valid for ``ttl`` seconds, replacing older ones; returns it in clear.

    Raises:
        LimitExceededException: too many codes of this purpose asked for lately.
    """
    _check_rate(ctx, pool_id, username_key, purpose)
    invalidate(ctx, pool_id, username_key, purpose)
    code = random_code(ctx)
    ctx.conn.execute(
        codes.insert().values(
            pool_id=pool_id,
            username_key=username_key,
            purpose=purpose,
            code_hash=_hash(code),
            created_at=ctx.now,
            expires_at=ctx.now + ttl,
            attempts=0,
            consumed=False,
        )
    )
    return code


def consume(ctx: OpContext, pool_id: str, username_key: str, purpose: str, code: str) -> None:
    """Check ``code`` against the newest open code and spend it.

    Raises:
        ExpiredCodeException: no open code, or it expired.
        LimitExceededException: the code already took :data:`MAX_ATTEMPTS` wrong guesses.
        CodeMismatchException: wrong code (the attempt is counted and committed).
    """
    row = ctx.conn.execute(
        sa.select(codes)
        .where(_live(pool_id, username_key, purpose))
        .order_by(codes.c.id.desc())
        .limit(1)
    ).first()
    if row is None or row.expires_at <= ctx.now:
        raise ExpiredCodeException(EXPIRED)
    if row.attempts >= MAX_ATTEMPTS:
        raise LimitExceededException(ATTEMPTS)
    matches = hmac.compare_digest(_hash(code).encode(), row.code_hash.encode())
    if not matches:
        ctx.conn.execute(
            codes.update().where(codes.c.id == row.id).values(attempts=codes.c.attempts + 1)
        )
        commit_and_raise(ctx, CodeMismatchException(MISMATCH))
    ctx.conn.execute(codes.update().where(codes.c.id == row.id).values(consumed=True))
