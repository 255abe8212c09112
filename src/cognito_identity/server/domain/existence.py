"""PreventUserExistenceErrors: with ENABLED, an unknown user looks like a known one.

An app client's ``PreventUserExistenceErrors`` is ``LEGACY`` (the default: UserNotFoundException
tells a caller the name is free) or ``ENABLED``. With ENABLED:

* InitiateAuth USER_SRP_AUTH answers a plausible PASSWORD_VERIFIER challenge: a salt and a
  USER_ID_FOR_SRP derived from the name with a per-pool secret (so repeated probes see the same
  values, and nobody without the secret can tell them from real ones), a real random ``B``, and a
  real stored session, whose answer then fails with "Incorrect username or password.";
* USER_PASSWORD_AUTH fails with "Incorrect username or password.";
* ForgotPassword and ResendConfirmationCode answer a plausible CodeDeliveryDetails and send
  nothing;
* ConfirmForgotPassword and ConfirmSignUp fail with CodeMismatchException.
"""

from __future__ import annotations

import hashlib
import hmac
import uuid
from typing import Any

import sqlalchemy as sa

from ...errors import CodeMismatchException, NotAuthorizedException, UserNotFoundException
from ...protocol.srp import SERVER_PRIVATE_VALUE_BYTES, N, server_public_b
from ..ops import OpContext
from ..store.schema import pool_keys
from . import aliases, codes, sessions
from .records import ClientRecord, PoolRecord
from .users import UserRecord, find_by_name

WRONG_PASSWORD = "Incorrect username or password."
NO_SUCH_USER = "User does not exist."
# No user has an empty username key (the model requires at least one character), so a session
# stored under it can never be finished by anyone.
UNKNOWN_USER_KEY = ""
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def enabled(client: ClientRecord) -> bool:
    """Whether the client hides which users exist."""
    return client.config.get("PreventUserExistenceErrors") == "ENABLED"


def login_user(ctx: OpContext, client: ClientRecord, pool: PoolRecord, username: str) -> UserRecord:
    """The user signing in as ``username``; for an unknown one, the client's usual error."""
    user = find_by_name(ctx, pool, username)
    if user is None:
        if enabled(client):
            raise NotAuthorizedException(WRONG_PASSWORD)
        raise UserNotFoundException(NO_SUCH_USER)
    return user


def _pool_secret(ctx: OpContext, pool: PoolRecord) -> bytes:
    """A per-pool secret nobody outside the server knows: derived from its signing key."""
    row = ctx.conn.execute(
        sa.select(pool_keys.c.private_pem)
        .where(pool_keys.c.pool_id == pool.id)
        .order_by(pool_keys.c.created_at)
        .limit(1)
    ).first()
    material = pool.id if row is None else str(row.private_pem)
    return hashlib.sha256(b"existence:" + material.encode()).digest()


def _derive(ctx: OpContext, pool: PoolRecord, purpose: str, name: str) -> bytes:
    """32 bytes that depend only on the pool secret, ``purpose`` and the folded ``name``."""
    message = f"{purpose}\x00{aliases.fold(pool, name)}".encode()
    return hmac.new(_pool_secret(ctx, pool), message, hashlib.sha256).digest()


def _fake_user_id(ctx: OpContext, pool: PoolRecord, username: str) -> str:
    # With UsernameAttributes real users answer their sub (a UUID): so must unknown ones.
    if aliases.username_attributes(pool):
        return str(uuid.UUID(bytes=_derive(ctx, pool, "sub", username)[:16], version=4))
    return username


def fake_srp_challenge(
    ctx: OpContext, client: ClientRecord, pool: PoolRecord, username: str, big_a: int
) -> dict[str, Any]:
    """The PASSWORD_VERIFIER challenge for an unknown user (ENABLED), or UserNotFoundException.

    ``CHALLENGE`` is PASSWORD_VERIFIER; the session is stored under a username key no user has,
    so the answer fails like a wrong password.
    """
    if not enabled(client):
        raise UserNotFoundException(NO_SUCH_USER)
    salt = _derive(ctx, pool, "salt", username)[:16].hex()
    verifier = int.from_bytes(_derive(ctx, pool, "verifier", username), "big") % N
    small_b = int.from_bytes(ctx.random_bytes(SERVER_PRIVATE_VALUE_BYTES), "big")
    big_b = format(server_public_b(verifier, small_b), "x")
    state = {"b": format(small_b, "x"), "A": format(big_a, "x"), "B": big_b}
    secret_block = sessions.new_token(ctx)
    sessions.open_session(ctx, client, UNKNOWN_USER_KEY, "PASSWORD_VERIFIER", state, secret_block)
    user_id = _fake_user_id(ctx, pool, username)
    return {
        "ChallengeName": "PASSWORD_VERIFIER",
        "Session": secret_block,
        "ChallengeParameters": {
            "SALT": salt,
            "SECRET_BLOCK": secret_block,
            "SRP_B": big_b,
            "USERNAME": user_id,
            "USER_ID_FOR_SRP": user_id,
        },
    }


def _fake_destination(ctx: OpContext, pool: PoolRecord, username: str, medium: str) -> str:
    seed = _derive(ctx, pool, "destination", username)
    if medium == "SMS":
        digits = "".join(str(byte % 10) for byte in seed[:4])
        return "+*******" + digits
    local = username[:1] if aliases.is_email(username) else _LETTERS[seed[0] % 26]
    return f"{local}***@{_LETTERS[seed[1] % 26]}***"


def fake_delivery(
    ctx: OpContext, client: ClientRecord, pool: PoolRecord, username: str
) -> dict[str, str]:
    """CodeDeliveryDetails for an unknown user (ENABLED), or UserNotFoundException (LEGACY).

    Nothing is sent. The channel is the one the pool would use for a real user.
    """
    if not enabled(client):
        raise UserNotFoundException("Username/client id combination not found.")
    auto = pool.config.get("AutoVerifiedAttributes") or []
    by_phone = "phone_number" in auto or aliases.is_phone(username)
    medium, attribute = ("SMS", "phone_number") if by_phone else ("EMAIL", "email")
    return {
        "Destination": _fake_destination(ctx, pool, username, medium),
        "DeliveryMedium": medium,
        "AttributeName": attribute,
    }


def code_target(
    ctx: OpContext, client: ClientRecord, pool: PoolRecord, username: str
) -> UserRecord:
    """The user a code is checked for; an unknown one fails as a wrong code would (ENABLED)."""
    user = find_by_name(ctx, pool, username)
    if user is None:
        if enabled(client):
            raise CodeMismatchException(codes.MISMATCH)
        raise UserNotFoundException("Username/client id combination not found.")
    return user
