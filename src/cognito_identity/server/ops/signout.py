"""Ending sessions for real: GlobalSignOut, AdminUserGlobalSignOut and RevokeToken.

After any of them the tokens concerned are refused by every operation that takes them
(GetUser, UpdateUserAttributes, ..., InitiateAuth REFRESH_TOKEN_AUTH); see
:mod:`..domain.tokens`.
"""

from __future__ import annotations

import hmac

from ...errors import (
    UnauthorizedException,
    UnsupportedOperationException,
    UnsupportedTokenTypeException,
)
from ..domain import devices, tokens, users
from ..domain.records import ClientRecord, load_client, load_pool
from . import Body, OpContext, operation

NOT_AUTHORIZED_CLIENT = "Client is not authorized to revoke this token."


@operation("GlobalSignOut")
def global_sign_out(ctx: OpContext, body: Body) -> Body:
    """Revoke every refresh token of the signed-in user and every access token issued so far.
    The user's remembered devices ask for MFA again at their next sign-in."""
    _pool, user, _claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
    tokens.revoke_all(ctx, user)
    devices.distrust_all(ctx, user)
    return {}


@operation("AdminUserGlobalSignOut")
def admin_user_global_sign_out(ctx: OpContext, body: Body) -> Body:
    """GlobalSignOut for any user of the pool, by name (or alias)."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    user = users.get_user(ctx, pool, body["Username"])
    tokens.revoke_all(ctx, user)
    devices.distrust_all(ctx, user)
    return {}


def _revoking_client(ctx: OpContext, body: Body) -> ClientRecord:
    """The app client asking, authenticated by its secret when it has one."""
    client = load_client(ctx.conn, body["ClientId"])
    if client.secret is not None:
        given = str(body.get("ClientSecret") or "")
        if not hmac.compare_digest(given.encode(), client.secret.encode()):
            raise UnauthorizedException("Invalid client secret.")
    if not tokens.revocation_enabled(client):
        raise UnsupportedOperationException("Token revocation is not enabled for this client.")
    return client


@operation("RevokeToken")
def revoke_token(ctx: OpContext, body: Body) -> Body:
    """Revoke a refresh token and every access token minted from it.

    As RFC 7009 asks, a token the server does not know (or already revoked) is not an error.
    An access or ID token is UnsupportedTokenTypeException; another client's refresh token is
    UnauthorizedException.
    """
    client = _revoking_client(ctx, body)
    token = body["Token"]
    if token.count(".") == 2:  # a JWT: only refresh tokens can be revoked
        raise UnsupportedTokenTypeException("Unsupported token type.")
    row = tokens.find_refresh_token(ctx, token)
    if row is None:
        return {}
    if row.client_id != client.id:
        raise UnauthorizedException(NOT_AUTHORIZED_CLIENT)
    tokens.revoke_refresh_token(ctx, row.token_hash)
    return {}
