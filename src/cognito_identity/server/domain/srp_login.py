"""USER_SRP_AUTH and its PASSWORD_VERIFIER answer: the server half of Cognito's SRP login.

The SRP mechanics (state in ``auth_sessions``, the claim check) are in :mod:`.srp_verifier`.
After a correct claim the login goes on as :mod:`.sign_in` decides (NEW_PASSWORD_REQUIRED,
an MFA challenge, or tokens), or, for CUSTOM_AUTH with ``SRP_A``, as the pool's
DefineAuthChallenge trigger decides (:mod:`.custom_auth`).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..ops import OpContext
from . import device_srp, existence, lockout, trigger_events, users
from .auth import (
    check_password_usable,
    check_secret_hash,
    finish_sign_in,
    require_flow,
    require_param,
    wrong_password,
)
from .custom_auth import after_password as custom_after_password
from .failures import committed_on_error
from .records import ClientRecord, load_pool
from .srp_verifier import (
    CHALLENGE,
    begin,
    check_session_param,
    check_timestamp,
    claim_is_valid,
    claim_session,
    open_step,
    parse_srp_a,
    required_responses,
    session_user,
)

__all__ = ["CHALLENGE", "answer", "parse_srp_a", "start"]


def start(ctx: OpContext, client: ClientRecord, params: Mapping[str, Any]) -> dict[str, Any]:
    """InitiateAuth USER_SRP_AUTH: answer with the PASSWORD_VERIFIER challenge (salt, B)."""
    require_flow(client, "USER_SRP_AUTH")
    username = require_param(params, "USERNAME")
    big_a = parse_srp_a(require_param(params, "SRP_A"))
    check_secret_hash(client, username, params.get("SECRET_HASH"))
    pool = load_pool(ctx.conn, client.pool_id)
    user = users.find_by_name(ctx, pool, username)
    if user is None:
        return existence.fake_srp_challenge(ctx, client, pool, username, big_a)
    trigger_events.pre_authentication(ctx, pool, user)
    return begin(ctx, client, user, big_a, device_key=params.get("DEVICE_KEY"))


def answer(
    ctx: OpContext,
    client: ClientRecord,
    responses: Mapping[str, Any],
    session: str | None,
) -> dict[str, Any]:
    """RespondToAuthChallenge PASSWORD_VERIFIER: check the claim, then take the next step."""
    username, secret_block = required_responses(responses)
    check_session_param(secret_block, session)
    step = open_step(ctx, client, secret_block)
    device_key = device_srp.presented_key(ctx, step, responses)
    srp = claim_session(ctx, step)
    # From here on the session is spent: whatever fails, that must stick.
    with committed_on_error(ctx):
        check_secret_hash(client, username, responses.get("SECRET_HASH"))
        check_timestamp(responses["TIMESTAMP"])
        pool = load_pool(ctx.conn, srp.pool_id)
        user = session_user(ctx, pool, srp, username)
        lockout.check(ctx, user)
        check_password_usable(user)
        if not claim_is_valid(pool, user, srp, responses):
            wrong_password(ctx, user)
        if srp.custom is not None:
            return custom_after_password(ctx, pool, client, user, srp.custom)
        return finish_sign_in(ctx, pool, client, user, device_key)
