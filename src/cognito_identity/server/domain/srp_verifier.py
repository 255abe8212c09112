"""The mechanics of Cognito's SRP step: the PASSWORD_VERIFIER challenge and its answer.

The login state (``b``, ``A``, ``B``, the user) is kept in ``auth_sessions`` (see
:mod:`.sessions`), never in process memory, so a login started on one server process can finish
on another sharing the database. The row is named by the opaque SECRET_BLOCK, which the client
signs and sends back (pycognito sends no ``Session``); the ``Session`` returned is the same
string. What follows a correct claim (tokens, MFA, a custom challenge) is the caller's business:
USER_SRP_AUTH in :mod:`.srp_login`, CUSTOM_AUTH with ``SRP_A`` in :mod:`.custom_auth`.
"""

from __future__ import annotations

import hmac
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...errors import InvalidParameterException, NotAuthorizedException
from ...protocol.srp import (
    SERVER_PRIVATE_VALUE_BYTES,
    N,
    SrpError,
    server_public_b,
    server_session_key,
    verify_password_claim,
)
from ...protocol.timestamp import parse_timestamp
from ..ops import OpContext
from . import sessions, users
from .auth import require_param
from .records import ClientRecord, PoolRecord

CHALLENGE = "PASSWORD_VERIFIER"
EXPIRED_SESSION = sessions.EXPIRED_SESSION
# A 3072-bit A is 768 hex digits; allow a little slack but refuse absurd sizes before int().
_HEX = re.compile(r"[0-9a-fA-F]{1,1024}")


@dataclass(frozen=True)
class SrpSession:
    """One stored SRP login: the server secret ``b``, the values both sides hashed, and
    ``custom``: the CUSTOM_AUTH challenge history when the login is custom auth with SRP."""

    pool_id: str
    username_key: str
    small_b: int
    big_a: int
    big_b: int
    custom: list[dict[str, Any]] | None


def parse_srp_a(text: str) -> int:
    """SRP_A as an integer; InvalidParameterException if it isn't hex or is 0 mod N."""
    if not _HEX.fullmatch(text) or int(text, 16) % N == 0:
        raise InvalidParameterException("SRP_A is not a valid SRP public value.")
    return int(text, 16)


def begin(
    ctx: OpContext,
    client: ClientRecord,
    user: users.UserRecord,
    big_a: int,
    custom: list[dict[str, Any]] | None = None,
    device_key: str | None = None,
) -> dict[str, Any]:
    """Store a fresh SRP login for ``user`` and answer with the PASSWORD_VERIFIER challenge
    (keeping InitiateAuth's DEVICE_KEY, if any, for the step after the password)."""
    if user.password_salt is None or user.password_verifier is None:
        raise NotAuthorizedException("Incorrect username or password.")
    small_b = int.from_bytes(ctx.random_bytes(SERVER_PRIVATE_VALUE_BYTES), "big")
    big_b = server_public_b(int(user.password_verifier, 16), small_b)
    state: dict[str, Any] = {"b": format(small_b, "x"), "A": format(big_a, "x")}
    state["B"] = format(big_b, "x")
    if custom is not None:
        state["custom"] = custom
    if isinstance(device_key, str) and device_key:
        state["device_key"] = device_key
    secret_block = sessions.new_token(ctx)
    sessions.open_session(ctx, client, user.username_key, CHALLENGE, state, secret_block)
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


def open_step(ctx: OpContext, client: ClientRecord, secret_block: str) -> sessions.AuthSession:
    """The open PASSWORD_VERIFIER step named by SECRET_BLOCK (or NotAuthorizedException)."""
    return sessions.find_session(ctx, client, secret_block, (CHALLENGE,))


def claim_session(ctx: OpContext, session: sessions.AuthSession) -> SrpSession:
    """Mark the step consumed (single use, even if the claim is wrong); its SRP values."""
    sessions.spend(ctx, session)
    state = session.state
    big_values = (int(state["b"], 16), int(state["A"], 16), int(state["B"], 16))
    return SrpSession(session.pool_id, session.username_key, *big_values, state.get("custom"))


def check_session_param(secret_block: str, session: str | None) -> None:
    """A client that sends ``Session`` back must send the one of this login."""
    if session is not None and not hmac.compare_digest(session.encode(), secret_block.encode()):
        raise NotAuthorizedException(EXPIRED_SESSION)


def session_user(
    ctx: OpContext, pool: PoolRecord, srp: SrpSession, username: str
) -> users.UserRecord:
    """The login's user; USERNAME must name the same user as the one that started it."""
    user = users.find_user(ctx, pool.id, srp.username_key)
    if user is None or users.username_key(pool, username) != srp.username_key:
        raise NotAuthorizedException("Incorrect username or password.")
    return user


def claim_is_valid(
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


def check_timestamp(text: str) -> None:
    """InvalidParameterException unless TIMESTAMP has the form the SRP clients send."""
    try:
        parse_timestamp(text)
    except ValueError as exc:
        raise InvalidParameterException("TIMESTAMP format is invalid.") from exc


def required_responses(responses: Mapping[str, Any]) -> tuple[str, str]:
    """USERNAME and PASSWORD_CLAIM_SECRET_BLOCK, with the other required fields present."""
    for name in ("TIMESTAMP", "PASSWORD_CLAIM_SIGNATURE"):
        require_param(responses, name)
    return require_param(responses, "USERNAME"), require_param(
        responses, "PASSWORD_CLAIM_SECRET_BLOCK"
    )
