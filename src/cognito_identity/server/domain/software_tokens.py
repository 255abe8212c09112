"""Authenticator-app (TOTP) secrets: AssociateSoftwareToken, VerifySoftwareToken, sign-in codes.

A user has at most one verified secret and one being set up. Associating makes a new pending
secret; verifying a code of the pending secret makes it the user's secret (the previous one, if
any, stops working). A sign-in code must come from the current 30-second step or the one
before or after it, and a step, once accepted, is never accepted again: ``last_step`` only
moves forward, by a conditional UPDATE, so two concurrent answers with one code can't both win.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ...errors import (
    EnableSoftwareTokenMFAException,
    ExpiredCodeException,
    SoftwareTokenMFANotFoundException,
)
from ...protocol.totp import match_step, secret_bytes, secret_from_random
from ..ops import OpContext
from ..store.schema import software_tokens
from .users import UserRecord

SECRET_BYTES = 32
VERIFY_MISMATCH = "Code mismatch and fail enable Software Token MFA"
NOT_FOUND = "Software Token MFA does not exist for the user."
REUSED = "Your software token has already been used once."


@dataclass(frozen=True)
class SoftwareToken:
    """A user's row: the verified secret (or None), the pending one, the device name."""

    secret: str | None
    pending_secret: str | None
    friendly_name: str | None
    last_step: int | None


def _key(user: UserRecord) -> Any:
    return (software_tokens.c.pool_id == user.pool_id) & (software_tokens.c.sub == user.sub)


def find(ctx: OpContext, user: UserRecord) -> SoftwareToken | None:
    """The user's software token row, or None."""
    row = ctx.conn.execute(sa.select(software_tokens).where(_key(user))).first()
    if row is None:
        return None
    return SoftwareToken(row.secret, row.pending_secret, row.friendly_name, row.last_step)


def has_verified_token(ctx: OpContext, user: UserRecord) -> bool:
    """Whether the user has a verified authenticator (needed to turn TOTP MFA on)."""
    token = find(ctx, user)
    return token is not None and token.secret is not None


def associate(ctx: OpContext, user: UserRecord) -> str:
    """A new pending secret for the user (base32, 52 characters), returned as SecretCode."""
    secret = secret_from_random(ctx.random_bytes(SECRET_BYTES))
    if find(ctx, user) is None:
        ctx.conn.execute(
            software_tokens.insert().values(
                pool_id=user.pool_id,
                sub=user.sub,
                secret=None,
                pending_secret=secret,
                created_at=ctx.now,
            )
        )
    else:
        ctx.conn.execute(software_tokens.update().where(_key(user)).values(pending_secret=secret))
    return secret


def verify(ctx: OpContext, user: UserRecord, code: str, friendly_name: str | None) -> None:
    """Check a code of the pending secret and make that secret the user's.

    Raises:
        SoftwareTokenMFANotFoundException: nothing was associated.
        EnableSoftwareTokenMFAException: the code is wrong.
    """
    token = find(ctx, user)
    if token is None or token.pending_secret is None:
        raise SoftwareTokenMFANotFoundException(NOT_FOUND)
    step = match_step(secret_bytes(token.pending_secret), code, ctx.now)
    if step is None:
        raise EnableSoftwareTokenMFAException(VERIFY_MISMATCH)
    ctx.conn.execute(
        software_tokens.update()
        .where(_key(user))
        .values(
            secret=token.pending_secret,
            pending_secret=None,
            friendly_name=friendly_name,
            last_step=step,
        )
    )


def check_sign_in_code(ctx: OpContext, user: UserRecord, code: str) -> bool:
    """Whether ``code`` is a fresh code of the user's verified secret (and spend its step).

    Raises:
        SoftwareTokenMFANotFoundException: the user has no verified secret.
        ExpiredCodeException: the code's step was already accepted once.
    """
    token = find(ctx, user)
    if token is None or token.secret is None:
        raise SoftwareTokenMFANotFoundException(NOT_FOUND)
    step = match_step(secret_bytes(token.secret), code, ctx.now)
    if step is None:
        return False
    fresh = (software_tokens.c.last_step.is_(None)) | (software_tokens.c.last_step < step)
    taken = ctx.conn.execute(
        software_tokens.update().where(_key(user) & fresh).values(last_step=step)
    )
    if taken.rowcount != 1:
        raise ExpiredCodeException(REUSED)
    return True
