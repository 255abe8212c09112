"""RespondToAuthChallenge for the MFA steps, and the MFA_SETUP steps of the software token ops.

::

    SMS_MFA / EMAIL_OTP     SMS_MFA_CODE / EMAIL_OTP_CODE, checked by codes.consume
    SOFTWARE_TOKEN_MFA      SOFTWARE_TOKEN_MFA_CODE, a fresh TOTP code of the user's secret
    SELECT_MFA_TYPE         ANSWER, one of MFAS_CAN_CHOOSE: that factor's challenge follows
    MFA_SETUP               AssociateSoftwareToken(Session) -> VerifySoftwareToken(Session)
                            -> RespondToAuthChallenge MFA_SETUP (USERNAME, Session) -> tokens

A wrong code leaves the step open for another try (the attempt is counted and committed);
five wrong codes end it. A step that succeeds is spent, so its Session can't be replayed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

from ...errors import (
    CodeMismatchException,
    CognitoServiceError,
    EnableSoftwareTokenMFAException,
    ExpiredCodeException,
    InvalidParameterException,
    LimitExceededException,
    NotAuthorizedException,
)
from ..ops import OpContext
from . import codes, devices, mfa, sessions, sign_in, software_tokens, users
from .auth import check_secret_hash, require_param
from .failures import commit_and_raise
from .mfa_config import EMAIL_OTP, SMS_MFA, SOFTWARE_TOKEN_MFA
from .records import ClientRecord, PoolRecord, load_client, load_pool

MISMATCH = "Invalid code received for user"
MAX_ATTEMPTS = codes.MAX_ATTEMPTS
CODE_FIELD = {SMS_MFA: "SMS_MFA_CODE", EMAIL_OTP: "EMAIL_OTP_CODE"}
NOT_VERIFIED = "The software token must be verified (VerifySoftwareToken) before MFA_SETUP."

Step = tuple[sessions.AuthSession, PoolRecord, users.UserRecord]


def open_step(
    ctx: OpContext,
    client: ClientRecord,
    challenge: str,
    responses: Mapping[str, Any],
    token: str | None,
) -> Step:
    """The open step named by ``token`` for ``challenge``, its pool and its user."""
    username = require_param(responses, "USERNAME")
    check_secret_hash(client, username, responses.get("SECRET_HASH"))
    step = sessions.find_session(ctx, client, token, (challenge,))
    pool = load_pool(ctx.conn, step.pool_id)
    return step, pool, sessions.session_user(ctx, pool, step, username)


def _wrong_code(ctx: OpContext, step: sessions.AuthSession, error: CognitoServiceError) -> NoReturn:
    """Count a wrong answer on the step (the fifth ends it), commit, raise ``error``."""
    attempts = int(step.state.get("attempts", 0)) + 1
    sessions.save_state(ctx, step, {**step.state, "attempts": attempts})
    if attempts >= MAX_ATTEMPTS:
        sessions.spend(ctx, step)
    commit_and_raise(ctx, error)


def _consume_code(ctx: OpContext, step: Step, factor: str, code: str) -> None:
    """Spend the SMS / email code, with the MFA wording for a wrong or a dead one."""
    session, pool, user = step
    try:
        codes.consume(ctx, pool.id, user.username_key, sign_in.code_purpose(factor), code)
    except CodeMismatchException as exc:  # the attempt is already counted and committed
        raise CodeMismatchException(MISMATCH) from exc
    except ExpiredCodeException as exc:
        raise NotAuthorizedException(sessions.EXPIRED_SESSION) from exc
    except LimitExceededException:
        sessions.spend(ctx, session)
        commit_and_raise(ctx, NotAuthorizedException(sessions.EXPIRED_SESSION))


def answer_sms(
    ctx: OpContext, client: ClientRecord, responses: Mapping[str, Any], token: str | None
) -> dict[str, Any]:
    """SMS_MFA: SMS_MFA_CODE, the code texted for this step -> tokens."""
    return _answer_code(ctx, client, SMS_MFA, responses, token)


def answer_email(
    ctx: OpContext, client: ClientRecord, responses: Mapping[str, Any], token: str | None
) -> dict[str, Any]:
    """EMAIL_OTP: EMAIL_OTP_CODE, the code emailed for this step -> tokens."""
    return _answer_code(ctx, client, EMAIL_OTP, responses, token)


def _answer_code(
    ctx: OpContext,
    client: ClientRecord,
    factor: str,
    responses: Mapping[str, Any],
    token: str | None,
) -> dict[str, Any]:
    step = open_step(ctx, client, factor, responses, token)
    _consume_code(ctx, step, factor, require_param(responses, CODE_FIELD[factor]))
    session, pool, user = step
    sessions.spend(ctx, session)
    device_key = devices.step_key(session.state, responses)
    return sign_in.tokens_result(ctx, pool, client, user, device_key, token)


def answer_software_token(
    ctx: OpContext, client: ClientRecord, responses: Mapping[str, Any], token: str | None
) -> dict[str, Any]:
    """SOFTWARE_TOKEN_MFA: a fresh code of the user's authenticator -> tokens."""
    session, pool, user = open_step(ctx, client, SOFTWARE_TOKEN_MFA, responses, token)
    code = require_param(responses, "SOFTWARE_TOKEN_MFA_CODE")
    if not software_tokens.check_sign_in_code(ctx, user, code):
        _wrong_code(ctx, session, CodeMismatchException(MISMATCH))
    sessions.spend(ctx, session)
    device_key = devices.step_key(session.state, responses)
    return sign_in.tokens_result(ctx, pool, client, user, device_key, token)


def answer_select(
    ctx: OpContext, client: ClientRecord, responses: Mapping[str, Any], token: str | None
) -> dict[str, Any]:
    """SELECT_MFA_TYPE: ANSWER names one of the offered factors; its challenge follows."""
    session, pool, user = open_step(ctx, client, mfa.SELECT_MFA_TYPE, responses, token)
    choice = require_param(responses, "ANSWER")
    if choice not in session.state.get("choices", ()):
        raise InvalidParameterException(f"{choice} is not one of MFAS_CAN_CHOOSE.")
    sessions.spend(ctx, session)
    device_key = devices.step_key(session.state, {})
    return sign_in.mfa_challenge(ctx, pool, client, user, mfa.MfaStep(choice), device_key)


def answer_setup(
    ctx: OpContext, client: ClientRecord, responses: Mapping[str, Any], token: str | None
) -> dict[str, Any]:
    """MFA_SETUP, after VerifySoftwareToken with this login's Session: TOTP on -> tokens."""
    session, pool, user = open_step(ctx, client, mfa.MFA_SETUP, responses, token)
    if session.state.get("stage") != "verified":
        raise InvalidParameterException(NOT_VERIFIED)
    sessions.spend(ctx, session)
    mfa.enable_software_token(ctx, user)
    return sign_in.tokens_result(ctx, pool, client, user)


def _setup_step(ctx: OpContext, token: str) -> tuple[sessions.AuthSession, ClientRecord, Any]:
    """The MFA_SETUP step named by a software token op's Session: step, client, user."""
    session = sessions.find_session(ctx, None, token, (mfa.MFA_SETUP,))
    client = load_client(ctx.conn, session.client_id)
    user = users.find_user(ctx, session.pool_id, session.username_key)
    if user is None:
        raise NotAuthorizedException(sessions.EXPIRED_SESSION)
    return session, client, user


def _next_setup_step(
    ctx: OpContext, session: sessions.AuthSession, client: ClientRecord, stage: str
) -> str:
    sessions.spend(ctx, session)
    return sessions.open_session(ctx, client, session.username_key, mfa.MFA_SETUP, {"stage": stage})


def associate_in_setup(ctx: OpContext, token: str) -> dict[str, Any]:
    """AssociateSoftwareToken with the Session of an MFA_SETUP challenge."""
    session, client, user = _setup_step(ctx, token)
    secret = software_tokens.associate(ctx, user)
    return {"SecretCode": secret, "Session": _next_setup_step(ctx, session, client, "associated")}


def verify_in_setup(
    ctx: OpContext, token: str, code: str, friendly_name: str | None
) -> dict[str, Any]:
    """VerifySoftwareToken with the Session AssociateSoftwareToken returned."""
    session, client, user = _setup_step(ctx, token)
    if session.state.get("stage") != "associated":
        raise InvalidParameterException("Call AssociateSoftwareToken with this Session first.")
    try:
        software_tokens.verify(ctx, user, code, friendly_name)
    except EnableSoftwareTokenMFAException as exc:
        _wrong_code(ctx, session, exc)
    return {"Status": "SUCCESS", "Session": _next_setup_step(ctx, session, client, "verified")}
