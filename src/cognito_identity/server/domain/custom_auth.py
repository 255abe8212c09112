"""CUSTOM_AUTH: sign-in driven by the pool's Define / Create / Verify auth challenge triggers.

::

    InitiateAuth CUSTOM_AUTH {USERNAME}                       session = []
    InitiateAuth CUSTOM_AUTH {USERNAME, SRP_A, CHALLENGE_NAME=SRP_A}
                                                              session = [SRP_A ok]
        -> DefineAuthChallenge(session) decides:
             failAuthentication -> NotAuthorizedException
             issueTokens        -> tokens
             PASSWORD_VERIFIER  -> the SRP step; its answer appends [PASSWORD_VERIFIER ok]
             CUSTOM_CHALLENGE   -> CreateAuthChallenge -> ChallengeParameters (public)
    RespondToAuthChallenge CUSTOM_CHALLENGE {USERNAME, ANSWER}
        -> VerifyAuthChallengeResponse(private parameters, answer) -> answerCorrect
        -> session += [CUSTOM_CHALLENGE answerCorrect metadata] -> DefineAuthChallenge again

The history and the private challenge parameters live in the step's ``auth_sessions`` row,
so the next answer may reach any server process. See :mod:`.triggers` for how a trigger is
configured. A wrong password in the SRP variant fails at once, as in USER_SRP_AUTH.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...errors import (
    InvalidLambdaResponseException,
    InvalidParameterException,
    NotAuthorizedException,
)
from ..ops import OpContext
from . import existence, sessions, sign_in, srp_verifier, trigger_events, triggers, users
from .auth import WRONG_PASSWORD, check_can_sign_in, check_secret_hash, require_flow, require_param
from .mfa_answers import open_step
from .records import ClientRecord, PoolRecord, load_pool

CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE"
DEFINE, CREATE, VERIFY = "DefineAuthChallenge", "CreateAuthChallenge", "VerifyAuthChallengeResponse"
NOT_CONFIGURED = "Custom auth lambda trigger is not configured for the user pool."


@dataclass(frozen=True)
class CustomLogin:
    """One custom sign-in in progress: who, through which client, its history so far."""

    pool: PoolRecord
    client: ClientRecord
    user: users.UserRecord
    history: list[dict[str, Any]]
    client_metadata: dict[str, str]


def _result(name: str, result: bool, metadata: str | None = None) -> dict[str, Any]:
    return {"challengeName": name, "challengeResult": result, "challengeMetadata": metadata}


def _event(
    ctx: OpContext,
    login: CustomLogin,
    trigger: str,
    request: dict[str, Any],
    response: dict[str, Any],
) -> dict[str, Any]:
    base = {
        "userAttributes": dict(login.user.attributes),
        "clientMetadata": dict(login.client_metadata),
        "userNotFound": False,
    }
    source = f"{trigger}_Authentication"
    return triggers.event(
        ctx, login.pool, login.user, login.client.id, source, {**base, **request}, response
    )


def start(
    ctx: OpContext,
    client: ClientRecord,
    params: Mapping[str, Any],
    client_metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    """InitiateAuth CUSTOM_AUTH, with or without ``SRP_A`` (``CHALLENGE_NAME=SRP_A``)."""
    require_flow(client, "CUSTOM_AUTH")
    username = require_param(params, "USERNAME")
    check_secret_hash(client, username, params.get("SECRET_HASH"))
    pool = load_pool(ctx.conn, client.pool_id)
    if triggers.configured(pool, DEFINE) is None:
        raise InvalidParameterException(NOT_CONFIGURED)
    user = existence.login_user(ctx, client, pool, username)
    trigger_events.pre_authentication(ctx, pool, user)
    big_a = None
    history: list[dict[str, Any]] = []
    if params.get("CHALLENGE_NAME") == "SRP_A":
        big_a = srp_verifier.parse_srp_a(require_param(params, "SRP_A"))
        history = [_result("SRP_A", True)]
    login = CustomLogin(pool, client, user, history, dict(client_metadata or {}))
    return _decide(ctx, login, big_a)


def after_password(
    ctx: OpContext,
    pool: PoolRecord,
    client: ClientRecord,
    user: users.UserRecord,
    history: list[dict[str, Any]],
) -> dict[str, Any]:
    """The SRP step of a custom sign-in succeeded: the user's state, then the trigger again."""
    users.record_login_success(ctx, user)
    check_can_sign_in(user)
    login = CustomLogin(pool, client, user, [*history, _result("PASSWORD_VERIFIER", True)], {})
    return _decide(ctx, login, None)


def _decide(ctx: OpContext, login: CustomLogin, big_a: int | None) -> dict[str, Any]:
    """Ask DefineAuthChallenge what comes next, and do it."""
    request = {"session": [dict(item) for item in login.history]}
    response: dict[str, Any] = {
        "challengeName": None,
        "issueTokens": False,
        "failAuthentication": False,
    }
    decided = triggers.run(login.pool, DEFINE, _event(ctx, login, DEFINE, request, response))
    if decided.get("failAuthentication"):
        raise NotAuthorizedException(WRONG_PASSWORD)
    if decided.get("issueTokens"):
        check_can_sign_in(login.user)
        return sign_in.tokens_result(ctx, login.pool, login.client, login.user)
    name = decided.get("challengeName")
    if name == srp_verifier.CHALLENGE and big_a is not None:
        return srp_verifier.begin(ctx, login.client, login.user, big_a, login.history)
    if name == CUSTOM_CHALLENGE:
        return _custom_challenge(ctx, login)
    raise InvalidLambdaResponseException(f"Unsupported challenge from {DEFINE}: {name}")


def _custom_challenge(ctx: OpContext, login: CustomLogin) -> dict[str, Any]:
    """CreateAuthChallenge makes the question; the step keeps what the answer is checked with."""
    request = {"challengeName": CUSTOM_CHALLENGE, "session": [dict(i) for i in login.history]}
    response: dict[str, Any] = {
        "publicChallengeParameters": {},
        "privateChallengeParameters": {},
        "challengeMetadata": None,
    }
    created = triggers.run(login.pool, CREATE, _event(ctx, login, CREATE, request, response))
    public = {str(k): str(v) for k, v in (created.get("publicChallengeParameters") or {}).items()}
    state = {
        "history": login.history,
        "private": dict(created.get("privateChallengeParameters") or {}),
        "metadata": created.get("challengeMetadata"),
    }
    params = {**public, "USERNAME": login.user.username}
    return sign_in.challenge(ctx, login.client, login.user, CUSTOM_CHALLENGE, params, state)


def answer(
    ctx: OpContext,
    client: ClientRecord,
    responses: Mapping[str, Any],
    token: str | None,
    client_metadata: dict[str, str] | None = None,
) -> dict[str, Any]:
    """RespondToAuthChallenge CUSTOM_CHALLENGE: VerifyAuthChallengeResponse, then Define."""
    session, pool, user = open_step(ctx, client, CUSTOM_CHALLENGE, responses, token)
    answer_text = require_param(responses, "ANSWER")
    sessions.spend(ctx, session)
    state = session.state
    login = CustomLogin(pool, client, user, list(state["history"]), dict(client_metadata or {}))
    request = {"privateChallengeParameters": state["private"], "challengeAnswer": answer_text}
    event = _event(ctx, login, VERIFY, request, {"answerCorrect": False})
    correct = bool(triggers.run(pool, VERIFY, event).get("answerCorrect"))
    outcome = _result(CUSTOM_CHALLENGE, correct, state.get("metadata"))
    history = [*login.history, outcome]
    return _decide(ctx, CustomLogin(pool, client, user, history, login.client_metadata), None)
