"""Challenge sessions: the opaque ``Session`` strings of a sign-in, kept in ``auth_sessions``.

Every step of a sign-in that waits for an answer (PASSWORD_VERIFIER, SMS_MFA, MFA_SETUP,
NEW_PASSWORD_REQUIRED, CUSTOM_CHALLENGE...) stores its state here, never in process memory, so
any server process sharing the database can take the next step. A ``Session`` is random
(64 bytes, base64), stored only as its SHA-256, bound to one app client and one challenge,
expires after the client's ``AuthSessionValidity`` (3 minutes by default) and is spent by the
step that succeeds: each step hands out a new one.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ...errors import NotAuthorizedException
from ..ops import OpContext
from ..store.prepared import Prepared
from ..store.schema import auth_sessions
from . import users
from .records import ClientRecord, PoolRecord

SESSION_BYTES = 64
DEFAULT_SESSION_MINUTES = 3
EXPIRED_SESSION = "Invalid session for the user, session is expired."
WRONG_USER = "Incorrect username or password."


@dataclass(frozen=True)
class AuthSession:
    """One open step of a sign-in."""

    id_hash: str
    pool_id: str
    client_id: str
    username_key: str
    challenge: str
    state: dict[str, Any]
    expires_at: float


# A sign-in runs each of these once or twice: compiled once (store/prepared.py).
_INSERT = Prepared(auth_sessions.insert())
_FIND = Prepared(sa.select(auth_sessions).where(auth_sessions.c.id_hash == sa.bindparam("id_hash")))
_SPEND = Prepared(
    auth_sessions.update()
    .where(
        auth_sessions.c.id_hash == sa.bindparam("id_hash"),
        auth_sessions.c.consumed.is_(False),
    )
    .values(consumed=True)
)


def session_hash(token: str) -> str:
    """The stored form of a ``Session`` string."""
    return hashlib.sha256(token.encode()).hexdigest()


def new_token(ctx: OpContext) -> str:
    """A fresh opaque ``Session`` (also used as SRP's SECRET_BLOCK)."""
    return base64.b64encode(ctx.random_bytes(SESSION_BYTES)).decode()


def session_seconds(client: ClientRecord) -> float:
    """How long a step may wait for its answer: the client's AuthSessionValidity (minutes)."""
    return 60.0 * int(client.config.get("AuthSessionValidity") or DEFAULT_SESSION_MINUTES)


def open_session(
    ctx: OpContext,
    client: ClientRecord,
    username_key: str,
    challenge: str,
    state: dict[str, Any],
    token: str | None = None,
) -> str:
    """Store a step waiting for ``challenge``'s answer; returns its ``Session`` string."""
    token = token or new_token(ctx)
    _INSERT.run(
        ctx.conn,
        id_hash=session_hash(token),
        pool_id=client.pool_id,
        client_id=client.id,
        username_key=username_key,
        challenge=challenge,
        state=state,
        created_at=ctx.now,
        expires_at=ctx.now + session_seconds(client),
        consumed=False,
    )
    return token


def find_session(
    ctx: OpContext, client: ClientRecord | None, token: str | None, challenges: Collection[str]
) -> AuthSession:
    """The open step named by ``token``: unspent, unexpired, one of ``challenges``, and of
    ``client`` when given (AssociateSoftwareToken and VerifySoftwareToken name no client).

    Raises:
        NotAuthorizedException: "Invalid session for the user, session is expired." otherwise.
    """
    if not token:
        raise NotAuthorizedException(EXPIRED_SESSION)
    id_hash = session_hash(token)
    row = _FIND.first(ctx.conn, id_hash=id_hash)
    if (
        row is None
        or row["consumed"]
        or row["expires_at"] <= ctx.now
        or (client is not None and row["client_id"] != client.id)
        or row["challenge"] not in challenges
    ):
        raise NotAuthorizedException(EXPIRED_SESSION)
    return AuthSession(
        id_hash=id_hash,
        pool_id=row["pool_id"],
        client_id=row["client_id"],
        username_key=row["username_key"],
        challenge=row["challenge"],
        state=row["state"],
        expires_at=row["expires_at"],
    )


def spend(ctx: OpContext, session: AuthSession) -> None:
    """Mark the step used. Of two concurrent answers exactly one gets past this line."""
    if _SPEND.run(ctx.conn, id_hash=session.id_hash) != 1:
        raise NotAuthorizedException(EXPIRED_SESSION)


def save_state(ctx: OpContext, session: AuthSession, state: dict[str, Any]) -> None:
    """Replace the step's state (attempt counters of a step that may be retried)."""
    ctx.conn.execute(
        auth_sessions.update().where(auth_sessions.c.id_hash == session.id_hash).values(state=state)
    )


def session_user(
    ctx: OpContext, pool: PoolRecord, session: AuthSession, username: str
) -> users.UserRecord:
    """The user of the step, checked against the USERNAME the client sent back.

    USERNAME may be the username, the sub (USER_ID_FOR_SRP) or one of the user's sign-in
    attributes (email, phone number, preferred username), as a client holds what it typed.
    """
    user = users.find_user(ctx, pool.id, session.username_key)
    if user is None or not _names(pool, user, username):
        raise NotAuthorizedException(WRONG_USER)
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    return user


def _names(pool: PoolRecord, user: users.UserRecord, name: str) -> bool:
    if users.username_key(pool, name) == user.username_key or name == user.sub:
        return True
    values = (user.attributes.get(a) for a in ("email", "phone_number", "preferred_username"))
    return any(value is not None and value.lower() == name.lower() for value in values)
