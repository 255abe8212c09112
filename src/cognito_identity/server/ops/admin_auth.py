"""AdminInitiateAuth and AdminRespondToAuthChallenge: sign-in driven by a trusted back end.

The same sign-in machinery as InitiateAuth / RespondToAuthChallenge (:mod:`.auth`): the client
is looked up in the pool given, and ADMIN_USER_PASSWORD_AUTH (legacy name ADMIN_NO_SRP_AUTH)
takes the password itself, like USER_PASSWORD_AUTH, when the client allows
ALLOW_ADMIN_USER_PASSWORD_AUTH. Every other flow and every challenge answer is the public one.
"""

from __future__ import annotations

from ..domain import auth as auth_rules
from ..domain.records import load_client, load_pool
from . import Body, OpContext, operation
from .auth import initiate_auth, respond_to_auth_challenge

ADMIN_PASSWORD_FLOWS = frozenset({"ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"})


def _check_client(ctx: OpContext, body: Body) -> None:
    """The pool exists and the client belongs to it (ResourceNotFoundException otherwise)."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    load_client(ctx.conn, body["ClientId"], pool.id)


@operation("AdminInitiateAuth")
def admin_initiate_auth(ctx: OpContext, body: Body) -> Body:
    """Start a sign-in for a user of the pool: admin password flow, or any InitiateAuth flow."""
    _check_client(ctx, body)
    flow = body["AuthFlow"]
    if flow in ADMIN_PASSWORD_FLOWS:
        client = load_client(ctx.conn, body["ClientId"])
        params = body.get("AuthParameters") or {}
        return auth_rules.password_auth(ctx, client, params, flow)
    return initiate_auth(ctx, body)


@operation("AdminRespondToAuthChallenge")
def admin_respond_to_auth_challenge(ctx: OpContext, body: Body) -> Body:
    """Answer the challenge of an (admin) sign-in: MFA, new password, SRP, custom, device."""
    _check_client(ctx, body)
    return respond_to_auth_challenge(ctx, body)
