"""The identity pool operations: one function per ``AWSCognitoIdentityService`` operation."""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from ...errors import NotAuthorizedException
from ..domain import ids, jwt
from ..ops import Body, OpContext
from . import identity_operation
from .logins import check_logins
from .records import (
    IdentityPoolRecord,
    Login,
    delete_identity_pool,
    identities_of,
    identity_pool_of,
    insert_identity_pool,
    link,
    linked_logins,
    load_identity_pool,
    new_identity,
)

CREDENTIALS_LIFETIME = 3600
OPEN_ID_TOKEN_LIFETIME = 600
#: Marks every access key id as the local server's: "ASIA" (temporary) + "LOCAL" + 11 random.
ACCESS_KEY_PREFIX = "ASIALOCAL"
UNAUTHENTICATED = "Unauthenticated access is not supported for this identity pool."
LOGINS_MISMATCH = (
    "Logins don't match. Please include at least one valid login for this identity or "
    "identity pool."
)
UPPER_ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
CONFIG_DEFAULTS: dict[str, Any] = {
    "AllowClassicFlow": False,
    "CognitoIdentityProviders": [],
    "SupportedLoginProviders": {},
    "OpenIdConnectProviderARNs": [],
    "SamlProviderARNs": [],
    "IdentityPoolTags": {},
}


@identity_operation("CreateIdentityPool")
def create_identity_pool(ctx: OpContext, body: Body) -> Body:
    """Create an identity pool ``<region>:<uuid>``; the settings are stored as given."""
    config = {**CONFIG_DEFAULTS, **body}
    name = config.pop("IdentityPoolName")
    pool_id = insert_identity_pool(ctx, name, config)
    return load_identity_pool(ctx.conn, pool_id).shape()


@identity_operation("DescribeIdentityPool")
def describe_identity_pool(ctx: OpContext, body: Body) -> Body:
    """The identity pool's settings."""
    return load_identity_pool(ctx.conn, body["IdentityPoolId"]).shape()


@identity_operation("DeleteIdentityPool")
def delete_identity_pool_op(ctx: OpContext, body: Body) -> Body:
    """Delete the identity pool with its identities."""
    pool = load_identity_pool(ctx.conn, body["IdentityPoolId"])
    delete_identity_pool(ctx.conn, pool.id)
    return {}


def _identity_for_logins(ctx: OpContext, pool: IdentityPoolRecord, logins: list[Login]) -> str:
    """The identity of these logins: the one already linked, else a new one (linked now)."""
    known = identities_of(ctx.conn, pool.id, logins)
    if len(known) > 1:
        raise NotAuthorizedException("Logins belong to different identities.")
    identity_id = known.pop() if known else new_identity(ctx, pool)
    linked = linked_logins(ctx.conn, identity_id)
    link(ctx.conn, pool.id, identity_id, [login for login in logins if login not in linked])
    return identity_id


@identity_operation("GetId")
def get_id(ctx: OpContext, body: Body) -> Body:
    """The identity of the caller's logins (made on first call); unauthenticated if allowed."""
    pool = load_identity_pool(ctx.conn, body["IdentityPoolId"])
    logins = check_logins(ctx, pool, body.get("Logins"))
    if logins:
        return {"IdentityId": _identity_for_logins(ctx, pool, logins)}
    if not pool.allows_unauthenticated:
        raise NotAuthorizedException(UNAUTHENTICATED)
    return {"IdentityId": new_identity(ctx, pool)}


def _authorize(ctx: OpContext, body: Body) -> tuple[IdentityPoolRecord, list[Login]]:
    """The identity's pool and the request's checked logins, which must be the identity's.

    An identity with linked logins needs at least one of them; an unauthenticated identity
    takes none (if the pool allows it) or new logins, which are linked to it.
    """
    identity_id = body["IdentityId"]
    pool = load_identity_pool(ctx.conn, identity_pool_of(ctx.conn, identity_id))
    logins = check_logins(ctx, pool, body.get("Logins"))
    linked = linked_logins(ctx.conn, identity_id)
    if linked:
        if not logins or any(login not in linked for login in logins):
            raise NotAuthorizedException(LOGINS_MISMATCH)
    elif logins:
        if identities_of(ctx.conn, pool.id, logins):
            raise NotAuthorizedException(LOGINS_MISMATCH)
        link(ctx.conn, pool.id, identity_id, logins)
    elif not pool.allows_unauthenticated:
        raise NotAuthorizedException(UNAUTHENTICATED)
    return pool, logins


def local_credentials(ctx: OpContext) -> Body:
    """Temporary credentials that say they are fake: ``ASIALOCAL...``, useless on AWS."""
    suffix = ids.random_string(ctx.random_bytes, UPPER_ALPHANUMERIC, 11)
    secret = ids.random_string(ctx.random_bytes, ids.ALPHANUMERIC, 40)
    token = jwt.b64url(ctx.random_bytes(96))
    return {
        "AccessKeyId": ACCESS_KEY_PREFIX + suffix,
        "SecretKey": secret,
        "SessionToken": f"cognito-identity-local/{token}",
        "Expiration": int(ctx.now) + CREDENTIALS_LIFETIME,
    }


@identity_operation("GetCredentialsForIdentity")
def get_credentials_for_identity(ctx: OpContext, body: Body) -> Body:
    """Local temporary credentials for the identity, valid for an hour."""
    _authorize(ctx, body)
    return {"IdentityId": body["IdentityId"], "Credentials": local_credentials(ctx)}


def _open_id_claims(
    ctx: OpContext, pool: IdentityPoolRecord, body: Body, logins: list[Login]
) -> Body:
    now = int(ctx.now)
    amr = (
        ["authenticated", *sorted({login.provider for login in logins})]
        if logins
        else ["unauthenticated"]
    )
    return {
        "sub": body["IdentityId"],
        "aud": pool.id,
        "amr": amr,
        "iss": f"{ctx.base_url.rstrip('/')}/cognito-identity",
        "exp": now + OPEN_ID_TOKEN_LIFETIME,
        "iat": now,
    }


@identity_operation("GetOpenIdToken")
def get_open_id_token(ctx: OpContext, body: Body) -> Body:
    """An OpenID token for the identity, signed with the identity pool's own key (10 min)."""
    pool, logins = _authorize(ctx, body)
    key = serialization.load_pem_private_key(pool.private_pem.encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    token = jwt.encode(_open_id_claims(ctx, pool, body, logins), key, pool.kid)
    return {"IdentityId": body["IdentityId"], "Token": token}
