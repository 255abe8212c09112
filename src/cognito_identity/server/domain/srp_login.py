"""USER_SRP_AUTH and its PASSWORD_VERIFIER answer: the server half of Cognito's SRP login.

The login state (``b``, ``A``, ``B``, the user) is kept in ``auth_sessions``, never in process
memory, so a login started on one server process can finish on another sharing the database.
The row is found by the SHA-256 of the opaque SECRET_BLOCK, which the client signs and sends
back (pycognito sends no ``Session``); the ``Session`` returned is the same string.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ...errors import InvalidParameterException, NotAuthorizedException
from ...protocol.srp import (
    PRIVATE_VALUE_BYTES,
    N,
    SrpError,
    server_public_b,
    server_session_key,
    verify_password_claim,
)
from ...protocol.timestamp import parse_timestamp
from ..ops import OpContext
from ..store.schema import auth_sessions
from . import users
from .auth import (
    check_secret_hash,
    finish_sign_in,
    require_flow,
    require_param,
    wrong_password,
)
from .failures import committed_on_error
from .records import ClientRecord, PoolRecord, load_pool

CHALLENGE = "PASSWORD_VERIFIER"
SECRET_BLOCK_BYTES = 64
DEFAULT_SESSION_MINUTES = 3
EXPIRED_SESSION = "Invalid session for the user, session is expired."
# A 3072-bit A is 768 hex digits; allow a little slack but refuse absurd sizes before int().
_HEX = re.compile(r"[0-9a-fA-F]{1,1024}")


@dataclass(frozen=True)
class SrpSession:
    """One stored SRP login: the server secret ``b`` and the values both sides hashed."""

    id_hash: str
    pool_id: str
    username_key: str
    small_b: int
    big_a: int
    big_b: int


def _session_id_hash(secret_block: str) -> str:
    return hashlib.sha256(secret_block.encode()).hexdigest()


def parse_srp_a(text: str) -> int:
    """SRP_A as an integer; InvalidParameterException if it isn't hex or is 0 mod N."""
    if not _HEX.fullmatch(text) or int(text, 16) % N == 0:
        raise InvalidParameterException("SRP_A is not a valid SRP public value.")
    return int(text, 16)


def _session_minutes(client: ClientRecord) -> int:
    return int(client.config.get("AuthSessionValidity") or DEFAULT_SESSION_MINUTES)


def _store_session(
    ctx: OpContext, client: ClientRecord, user: users.UserRecord, state: dict[str, str]
) -> str:
    """Save the login state; returns the SECRET_BLOCK that names it."""
    secret_block = base64.b64encode(ctx.random_bytes(SECRET_BLOCK_BYTES)).decode()
    ctx.conn.execute(
        auth_sessions.insert().values(
            id_hash=_session_id_hash(secret_block),
            pool_id=client.pool_id,
            client_id=client.id,
            username_key=user.username_key,
            challenge=CHALLENGE,
            state=state,
            created_at=ctx.now,
            expires_at=ctx.now + 60 * _session_minutes(client),
            consumed=False,
        )
    )
    return secret_block


def start(ctx: OpContext, client: ClientRecord, params: Mapping[str, Any]) -> dict[str, Any]:
    """InitiateAuth USER_SRP_AUTH: answer with the PASSWORD_VERIFIER challenge (salt, B)."""
    require_flow(client, "USER_SRP_AUTH")
    username = require_param(params, "USERNAME")
    big_a = parse_srp_a(require_param(params, "SRP_A"))
    check_secret_hash(client, username, params.get("SECRET_HASH"))
    pool = load_pool(ctx.conn, client.pool_id)
    user = users.get_user(ctx, pool, username)
    if user.password_salt is None or user.password_verifier is None:
        raise NotAuthorizedException("Incorrect username or password.")
    small_b = int.from_bytes(ctx.random_bytes(PRIVATE_VALUE_BYTES), "big")
    big_b = server_public_b(int(user.password_verifier, 16), small_b)
    state = {"b": format(small_b, "x"), "A": format(big_a, "x"), "B": format(big_b, "x")}
    secret_block = _store_session(ctx, client, user, state)
    return {
        "ChallengeName": CHALLENGE,
        "Session": secret_block,
        "ChallengeParameters": {
            "SALT": user.password_salt,
            "SECRET_BLOCK": secret_block,
            "SRP_B": state["B"],
            "USERNAME": user.username,
            "USER_ID_FOR_SRP": user.username,
        },
    }


def _open_session(ctx: OpContext, client: ClientRecord, id_hash: str) -> Any:
    """The unspent, unexpired PASSWORD_VERIFIER session of this client, or NotAuthorized."""
    row = ctx.conn.execute(
        sa.select(auth_sessions).where(auth_sessions.c.id_hash == id_hash)
    ).first()
    if (
        row is None
        or row.consumed
        or row.expires_at <= ctx.now
        or row.client_id != client.id
        or row.challenge != CHALLENGE
    ):
        raise NotAuthorizedException(EXPIRED_SESSION)
    return row


def _claim_session(ctx: OpContext, client: ClientRecord, secret_block: str) -> SrpSession:
    """Find the open session and mark it consumed (single use, even if the claim is wrong)."""
    id_hash = _session_id_hash(secret_block)
    row = _open_session(ctx, client, id_hash)
    # The WHERE on consumed makes two concurrent answers race for the row: one wins.
    taken = ctx.conn.execute(
        auth_sessions.update()
        .where(auth_sessions.c.id_hash == id_hash, auth_sessions.c.consumed.is_(False))
        .values(consumed=True)
    )
    if taken.rowcount != 1:
        raise NotAuthorizedException(EXPIRED_SESSION)
    state = row.state
    big_values = (int(state["b"], 16), int(state["A"], 16), int(state["B"], 16))
    return SrpSession(id_hash, row.pool_id, row.username_key, *big_values)


def _check_session_param(secret_block: str, session: str | None) -> None:
    # A client that sends Session back must send the one of this login.
    if session is not None and not hmac.compare_digest(session.encode(), secret_block.encode()):
        raise NotAuthorizedException(EXPIRED_SESSION)


def _session_user(
    ctx: OpContext, pool: PoolRecord, srp: SrpSession, username: str
) -> users.UserRecord:
    """The login's user; USERNAME must name the same user as the one that started it."""
    user = users.find_user(ctx, pool.id, srp.username_key)
    if user is None or users.username_key(pool, username) != srp.username_key:
        raise NotAuthorizedException("Incorrect username or password.")
    return user


def _claim_is_valid(
    pool: PoolRecord, user: users.UserRecord, srp: SrpSession, responses: Mapping[str, Any]
) -> bool:
    """Recompute the SRP key and check PASSWORD_CLAIM_SIGNATURE in constant time."""
    try:
        key = server_session_key(
            srp.big_a, srp.big_b, srp.small_b, int(user.password_verifier or "0", 16)
        )
    except SrpError:
        return False
    return verify_password_claim(
        key,
        pool.name_part,
        user.username,
        require_param(responses, "PASSWORD_CLAIM_SECRET_BLOCK"),
        require_param(responses, "TIMESTAMP"),
        require_param(responses, "PASSWORD_CLAIM_SIGNATURE"),
    )


def _check_timestamp(text: str) -> None:
    try:
        parse_timestamp(text)
    except ValueError as exc:
        raise InvalidParameterException("TIMESTAMP format is invalid.") from exc


def _required_responses(responses: Mapping[str, Any]) -> tuple[str, str]:
    """USERNAME and PASSWORD_CLAIM_SECRET_BLOCK, with the other required fields present."""
    for name in ("TIMESTAMP", "PASSWORD_CLAIM_SIGNATURE"):
        require_param(responses, name)
    return require_param(responses, "USERNAME"), require_param(
        responses, "PASSWORD_CLAIM_SECRET_BLOCK"
    )


def answer(
    ctx: OpContext,
    client: ClientRecord,
    responses: Mapping[str, Any],
    session: str | None,
) -> dict[str, Any]:
    """RespondToAuthChallenge PASSWORD_VERIFIER: check the claim, then issue tokens."""
    username, secret_block = _required_responses(responses)
    _check_session_param(secret_block, session)
    srp = _claim_session(ctx, client, secret_block)
    # From here on the session is spent: whatever fails, that must stick.
    with committed_on_error(ctx):
        check_secret_hash(client, username, responses.get("SECRET_HASH"))
        _check_timestamp(responses["TIMESTAMP"])
        pool = load_pool(ctx.conn, srp.pool_id)
        user = _session_user(ctx, pool, srp, username)
        if not _claim_is_valid(pool, user, srp, responses):
            wrong_password(ctx, user)
        return finish_sign_in(ctx, pool, client, user)
