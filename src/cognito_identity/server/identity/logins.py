"""Checking the ``Logins`` of a request: user pool ID tokens from this server's own pools.

A login is ``{"<issuer without scheme>": id_token}``, where the provider name is one of the
identity pool's ``CognitoIdentityProviders``. The token must be signed by that user pool's key,
unexpired, an ID token, issued by exactly that provider, for one of the provider's client ids.
Any failure is a ``NotAuthorizedException`` worded as Cognito words it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import NotAuthorizedException, ResourceNotFoundException
from ..domain import jwt, keys
from ..domain.records import load_pool
from ..ops import OpContext
from .records import IdentityPoolRecord, Login

UNSUPPORTED_PROVIDER = "Token is not from a supported provider of this identity pool."
NOT_OIDC = "Invalid login token. Not a valid OpenId Connect identity token."
BAD_SIGNATURE = "Invalid login token. Couldn't verify signed token."
WRONG_ISSUER = "Invalid login token. Issuer doesn't match providerName"
WRONG_AUDIENCE = "Invalid login token. Incorrect token audience."


def accepted_clients(pool: IdentityPoolRecord, provider: str) -> set[str | None] | None:
    """Client ids the identity pool accepts from ``provider`` (``None``: not a provider)."""
    entries = [
        entry
        for entry in pool.config.get("CognitoIdentityProviders", [])
        if entry.get("ProviderName") == provider
    ]
    return {entry.get("ClientId") for entry in entries} if entries else None


def _signed_claims(ctx: OpContext, provider: str, token: str) -> dict[str, Any]:
    """The token's claims once its signature checks out with the user pool's own key."""
    try:
        header, claims, signing_input, signature = jwt.split(token)
    except jwt.TokenError as exc:
        raise NotAuthorizedException(NOT_OIDC) from exc
    issuer = str(claims.get("iss", ""))
    if issuer.split("://", 1)[-1] != provider:
        raise NotAuthorizedException(WRONG_ISSUER)
    try:
        pool = load_pool(ctx.conn, provider.rsplit("/", 1)[-1])
    except ResourceNotFoundException as exc:
        raise NotAuthorizedException(BAD_SIGNATURE) from exc
    key = keys.public_key(ctx.conn, pool.id, str(header.get("kid", "")))
    if key is None or header.get("alg") != "RS256":
        raise NotAuthorizedException(BAD_SIGNATURE)
    try:
        jwt.verify_signature(signing_input, signature, key)
    except jwt.TokenError as exc:
        raise NotAuthorizedException(BAD_SIGNATURE) from exc
    return claims


def _check_claims(ctx: OpContext, claims: dict[str, Any], clients: set[str | None]) -> None:
    exp = claims.get("exp")
    if claims.get("token_use") != "id" or not isinstance(claims.get("sub"), str):
        raise NotAuthorizedException(NOT_OIDC)
    if isinstance(exp, bool) or not isinstance(exp, (int, float)):
        raise NotAuthorizedException(NOT_OIDC)
    if exp <= ctx.now:
        raise NotAuthorizedException(
            f"Invalid login token. Token expired: {int(ctx.now)} >= {int(exp)}"
        )
    # A provider entry without a ClientId accepts tokens for any client of the user pool.
    if None not in clients and claims.get("aud") not in clients:
        raise NotAuthorizedException(WRONG_AUDIENCE)


def check_login(ctx: OpContext, pool: IdentityPoolRecord, provider: str, token: str) -> Login:
    """The :class:`Login` of one ``Logins`` entry, or NotAuthorizedException."""
    clients = accepted_clients(pool, provider)
    if clients is None:
        raise NotAuthorizedException(UNSUPPORTED_PROVIDER)
    claims = _signed_claims(ctx, provider, token)
    _check_claims(ctx, claims, clients)
    return Login(provider, claims["sub"])


def check_logins(
    ctx: OpContext, pool: IdentityPoolRecord, logins: Mapping[str, str] | None
) -> list[Login]:
    """Every entry of ``Logins`` checked (an empty list when there are none)."""
    return [check_login(ctx, pool, provider, token) for provider, token in (logins or {}).items()]
