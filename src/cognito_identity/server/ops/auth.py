"""Sign-in operations: InitiateAuth and RespondToAuthChallenge."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...errors import InvalidParameterException
from ..domain import auth, custom_auth, device_srp, mfa_answers, new_password, srp_login
from ..domain.custom_auth import CUSTOM_CHALLENGE
from ..domain.mfa import MFA_SETUP, SELECT_MFA_TYPE
from ..domain.mfa_config import EMAIL_OTP, SMS_MFA, SOFTWARE_TOKEN_MFA
from ..domain.records import ClientRecord, load_client
from ..domain.sign_in import NEW_PASSWORD_REQUIRED
from . import Body, OpContext, operation

_REFRESH_FLOWS = frozenset({"REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"})

# ChallengeName -> its answer's handler (ctx, client, ChallengeResponses, Session).
Answer = Callable[[OpContext, ClientRecord, Mapping[str, Any], Any], Body]
ANSWERS: dict[str, Answer] = {
    srp_login.CHALLENGE: srp_login.answer,
    SMS_MFA: mfa_answers.answer_sms,
    EMAIL_OTP: mfa_answers.answer_email,
    SOFTWARE_TOKEN_MFA: mfa_answers.answer_software_token,
    SELECT_MFA_TYPE: mfa_answers.answer_select,
    MFA_SETUP: mfa_answers.answer_setup,
    NEW_PASSWORD_REQUIRED: new_password.answer,
    device_srp.DEVICE_SRP_AUTH: device_srp.answer_auth,
    device_srp.DEVICE_PASSWORD_VERIFIER: device_srp.answer_verifier,
}


@operation("InitiateAuth")
def initiate_auth(ctx: OpContext, body: Body) -> Body:
    """Start a sign-in: SRP (a challenge follows), plain password, custom auth, refresh token."""
    client = load_client(ctx.conn, body["ClientId"])
    flow = body["AuthFlow"]
    params = body.get("AuthParameters") or {}
    if flow == "USER_SRP_AUTH":
        return srp_login.start(ctx, client, params)
    if flow == "USER_PASSWORD_AUTH":
        return auth.password_auth(ctx, client, params)
    if flow == "CUSTOM_AUTH":
        return custom_auth.start(ctx, client, params, body.get("ClientMetadata"))
    if flow in _REFRESH_FLOWS:
        return auth.refresh(ctx, client, params)
    raise InvalidParameterException("Initiate Auth method not supported.")


@operation("RespondToAuthChallenge")
def respond_to_auth_challenge(ctx: OpContext, body: Body) -> Body:
    """Answer the challenge the last step returned (PASSWORD_VERIFIER, MFA, new password...)."""
    client = load_client(ctx.conn, body["ClientId"])
    responses = body.get("ChallengeResponses") or {}
    name, session = body["ChallengeName"], body.get("Session")
    if name == CUSTOM_CHALLENGE:
        return custom_auth.answer(ctx, client, responses, session, body.get("ClientMetadata"))
    handler = ANSWERS.get(name)
    if handler is None:
        raise InvalidParameterException(f"Challenge {name} is not supported.")
    return handler(ctx, client, responses, session)
