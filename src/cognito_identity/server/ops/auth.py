"""Sign-in operations: InitiateAuth and RespondToAuthChallenge."""

from __future__ import annotations

from ...errors import InvalidParameterException
from ..domain import auth, srp_login
from ..domain.records import load_client
from . import Body, OpContext, operation

_REFRESH_FLOWS = frozenset({"REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"})


@operation("InitiateAuth")
def initiate_auth(ctx: OpContext, body: Body) -> Body:
    """Start a sign-in: SRP (a challenge follows), plain password, or refresh token."""
    client = load_client(ctx.conn, body["ClientId"])
    flow = body["AuthFlow"]
    params = body.get("AuthParameters") or {}
    if flow == "USER_SRP_AUTH":
        return srp_login.start(ctx, client, params)
    if flow == "USER_PASSWORD_AUTH":
        return auth.password_auth(ctx, client, params)
    if flow in _REFRESH_FLOWS:
        return auth.refresh(ctx, client, params)
    raise InvalidParameterException("Initiate Auth method not supported.")


@operation("RespondToAuthChallenge")
def respond_to_auth_challenge(ctx: OpContext, body: Body) -> Body:
    """Answer a challenge; PASSWORD_VERIFIER (the second step of SRP) for now."""
    client = load_client(ctx.conn, body["ClientId"])
    responses = body.get("ChallengeResponses") or {}
    if body["ChallengeName"] == srp_login.CHALLENGE:
        return srp_login.answer(ctx, client, responses, body.get("Session"))
    raise InvalidParameterException(f"Challenge {body['ChallengeName']} is not supported.")
