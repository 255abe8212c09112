"""Issuing and checking tokens: RS256 ID and access tokens, opaque refresh tokens.

ID and access tokens are JWTs signed with the pool's own key (``kid`` in the header), with the
claims Cognito puts in them. A refresh token is 64 random bytes (base64url) stored only as its
SHA-256; every token minted from it carries its ``origin_jti``, so revoking the refresh token
revokes them too.

Revocation, as every operation taking a token sees it:

* RevokeToken revokes one refresh token (``revoked_at``) and with it, through ``origin_jti``,
  every access token minted from it;
* GlobalSignOut, AdminUserGlobalSignOut and a password reset revoke all of the user's refresh
  tokens and set ``users.tokens_valid_after``: access tokens issued before are refused too.
"""

from __future__ import annotations

import base64
import hashlib
import math
import uuid
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import sqlalchemy as sa

from ...errors import (
    NotAuthorizedException,
    ResourceNotFoundException,
    UserNotFoundException,
)
from ..ops import OpContext
from ..store.prepared import Prepared
from ..store.schema import refresh_tokens
from . import attributes, groups, jwt, keys, token_triggers, trigger_events
from .clients import token_validity_seconds
from .records import ClientRecord, PoolRecord, load_pool
from .users import UserRecord, find_user, update_user, username_key

ACCESS_SCOPE = "aws.cognito.signin.user.admin"
REFRESH_TOKEN_BYTES = 64
INVALID_ACCESS = "Invalid Access Token"
EXPIRED_ACCESS = "Access Token has expired"
REVOKED_ACCESS = "Access Token has been revoked"


@dataclass(frozen=True)
class Grant:
    """One sign-in: who, through which client, when, and the id tying its tokens together."""

    pool: PoolRecord
    client: ClientRecord
    user: UserRecord
    origin_jti: str
    auth_time: int
    # The remembered device the sign-in used or was given (``device_key`` claim), if any.
    device_key: str | None = None


def _uuid(ctx: OpContext) -> str:
    return str(uuid.UUID(bytes=ctx.random_bytes(16), version=4))


def hash_refresh_token(token: str) -> str:
    """The stored form of a refresh token."""
    return hashlib.sha256(token.encode()).hexdigest()


def _validity(client: ClientRecord) -> tuple[int, int, int]:
    """(id, access, refresh) lifetimes in seconds."""
    access, id_, refresh = token_validity_seconds(client)
    return id_, access, refresh


def _claim_value(name: str, value: str) -> Any:
    # Cognito puts the verification flags in ID tokens as JSON booleans.
    return value == "true" if name.endswith("_verified") else value


def revocation_enabled(client: ClientRecord) -> bool:
    """Whether the client's tokens can be revoked one sign-in at a time (RevokeToken)."""
    return bool(client.config.get("EnableTokenRevocation", True))


def _common_claims(ctx: OpContext, grant: Grant, lifetime: int) -> dict[str, Any]:
    iat = int(ctx.now)
    claims = {
        "sub": grant.user.sub,
        "iss": ctx.issuer(grant.pool.id),
        "origin_jti": grant.origin_jti,
        "event_id": _uuid(ctx),
        "auth_time": grant.auth_time,
        "exp": iat + lifetime,
        "iat": iat,
        "jti": _uuid(ctx),
    }
    # As Cognito: origin_jti (what the JS SDK looks for before calling RevokeToken) only
    # when the client has token revocation on.
    if not revocation_enabled(grant.client):
        del claims["origin_jti"]
    return claims


def id_token_claims(
    ctx: OpContext, grant: Grant, lifetime: int, member_of: list[groups.GroupRecord]
) -> dict[str, Any]:
    """Claims of an ID token: the user's attributes the client may read (its ReadAttributes)
    plus who issued it for whom."""
    shown = {
        name: _claim_value(name, value)
        for name, value in attributes.readable(grant.client, grant.user.attributes).items()
        if name != "sub"
    }
    return {
        **shown,
        **groups.token_claims(member_of, id_token=True),
        **_common_claims(ctx, grant, lifetime),
        "cognito:username": grant.user.username,
        "aud": grant.client.id,
        "token_use": "id",
    }


def access_token_claims(
    ctx: OpContext, grant: Grant, lifetime: int, member_of: list[groups.GroupRecord]
) -> dict[str, Any]:
    """Claims of an access token (what GetUser and the other user operations accept)."""
    claims = {
        **groups.token_claims(member_of, id_token=False),
        **_common_claims(ctx, grant, lifetime),
        "client_id": grant.client.id,
        "token_use": "access",
        "scope": ACCESS_SCOPE,
        "username": grant.user.username,
    }
    if grant.device_key is not None:
        claims["device_key"] = grant.device_key
    return claims


def mint(ctx: OpContext, grant: Grant) -> dict[str, Any]:
    """A signed ID and access token for ``grant``: ``AuthenticationResult`` without refresh."""
    id_lifetime, access_lifetime, _ = _validity(grant.client)
    key = keys.signing_key(ctx.conn, grant.pool.id)
    member_of = groups.member_groups(ctx, grant.user)
    id_claims = id_token_claims(ctx, grant, id_lifetime, member_of)
    access_claims = access_token_claims(ctx, grant, access_lifetime, member_of)
    token_triggers.customize(ctx, grant.pool, grant.user, grant.client.id, id_claims, access_claims)
    return {
        "AccessToken": jwt.encode(access_claims, key.private_key, key.kid),
        "ExpiresIn": access_lifetime,
        "TokenType": "Bearer",
        "IdToken": jwt.encode(id_claims, key.private_key, key.kid),
    }


_INSERT_REFRESH = Prepared(refresh_tokens.insert())


def _store_refresh_token(ctx: OpContext, grant: Grant, lifetime: int) -> str:
    token = base64.urlsafe_b64encode(ctx.random_bytes(REFRESH_TOKEN_BYTES)).rstrip(b"=").decode()
    _INSERT_REFRESH.run(
        ctx.conn,
        token_hash=hash_refresh_token(token),
        pool_id=grant.pool.id,
        client_id=grant.client.id,
        username_key=grant.user.username_key,
        origin_jti=grant.origin_jti,
        device_key=grant.device_key,
        auth_time=grant.auth_time,
        created_at=ctx.now,
        expires_at=ctx.now + lifetime,
        revoked_at=None,
    )
    return token


def sign_in(
    ctx: OpContext,
    pool: PoolRecord,
    client: ClientRecord,
    user: UserRecord,
    device_key: str | None = None,
) -> dict[str, Any]:
    """Tokens for a fresh sign-in: ``AuthenticationResult`` with a new refresh token
    (bound to ``device_key`` when the sign-in used or was given a device)."""
    grant = Grant(pool, client, user, _uuid(ctx), int(ctx.now), device_key)
    refresh_lifetime = _validity(client)[2]
    result = {
        **mint(ctx, grant),
        "RefreshToken": _store_refresh_token(ctx, grant, refresh_lifetime),
    }
    trigger_events.post_authentication(ctx, pool, user, device_key)
    return result


# Every refresh and every call made with an access token runs one of these.
_REFRESH_BY_HASH = Prepared(
    sa.select(refresh_tokens).where(refresh_tokens.c.token_hash == sa.bindparam("token_hash"))
)
_REVOKED_AT = Prepared(
    sa.select(refresh_tokens.c.revoked_at).where(
        refresh_tokens.c.origin_jti == sa.bindparam("origin_jti")
    )
)


def find_refresh_token(ctx: OpContext, token: str) -> Any:
    """The ``refresh_tokens`` row of ``token`` (by hash, columns as attributes), or None."""
    row = _REFRESH_BY_HASH.first(ctx.conn, token_hash=hash_refresh_token(token))
    return None if row is None else SimpleNamespace(**row)


def _origin_revoked(ctx: OpContext, origin_jti: Any) -> bool:
    if not isinstance(origin_jti, str):
        return False
    row = _REVOKED_AT.first(ctx.conn, origin_jti=origin_jti)
    return row is not None and row["revoked_at"] is not None


def _verified_claims(ctx: OpContext, token: str) -> tuple[PoolRecord, dict[str, Any]]:
    """The pool and claims of a JWT signed by that pool's own key; NotAuthorized otherwise."""
    try:
        header, claims, signing_input, signature = jwt.split(token)
        pool = load_pool(ctx.conn, str(claims.get("iss", "")).rsplit("/", 1)[-1])
        key = keys.public_key(ctx.conn, pool.id, str(header.get("kid", "")))
        if key is None or header.get("alg") != "RS256":
            raise NotAuthorizedException(INVALID_ACCESS)
        jwt.verify_signature(signing_input, signature, key)
    except (jwt.TokenError, ResourceNotFoundException) as exc:
        raise NotAuthorizedException(INVALID_ACCESS) from exc
    return pool, claims


def _check_access_claims(ctx: OpContext, claims: dict[str, Any]) -> None:
    if claims.get("token_use") != "access" or not isinstance(claims.get("exp"), int):
        raise NotAuthorizedException(INVALID_ACCESS)
    if claims["exp"] <= ctx.now:
        raise NotAuthorizedException(EXPIRED_ACCESS)
    if _origin_revoked(ctx, claims.get("origin_jti")):
        raise NotAuthorizedException(REVOKED_ACCESS)


def _token_user(ctx: OpContext, pool: PoolRecord, claims: dict[str, Any]) -> UserRecord:
    user = find_user(ctx, pool.id, username_key(pool, str(claims.get("username", ""))))
    # A user deleted and signed up again under the same name has a new sub.
    if user is None or user.sub != claims.get("sub"):
        raise UserNotFoundException("User does not exist.")
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    iat = claims.get("iat")
    if user.tokens_valid_after is not None and (
        not isinstance(iat, int) or iat < user.tokens_valid_after
    ):
        raise NotAuthorizedException(REVOKED_ACCESS)
    return user


def authenticate_access_token(
    ctx: OpContext, token: str
) -> tuple[PoolRecord, UserRecord, dict[str, Any]]:
    """Check an access token the way Cognito does before a user operation.

    The pool comes from the ``iss`` suffix and the key from that pool only, so a token signed
    by another pool's key is refused. Then: ``token_use`` is access, not expired, its sign-in
    not revoked (refresh token or a later global sign-out), the user exists and is enabled.

    Raises:
        NotAuthorizedException: "Invalid Access Token", "Access Token has expired",
            "Access Token has been revoked", "User is disabled.".
        UserNotFoundException: the user was deleted.
    """
    pool, claims = _verified_claims(ctx, token)
    _check_access_claims(ctx, claims)
    return pool, _token_user(ctx, pool, claims), claims


def revoke_refresh_token(ctx: OpContext, token_hash: str) -> None:
    """Revoke one refresh token (and so every access token minted from it)."""
    ctx.conn.execute(
        refresh_tokens.update()
        .where(refresh_tokens.c.token_hash == token_hash, refresh_tokens.c.revoked_at.is_(None))
        .values(revoked_at=ctx.now)
    )


def revoke_all(ctx: OpContext, user: UserRecord) -> None:
    """Sign the user out everywhere: every refresh token revoked, older access tokens refused.

    ``tokens_valid_after`` is the current whole second: tokens carry whole-second ``iat``s, and
    one issued later in this same second must stay valid; those issued earlier in it come from
    refresh tokens revoked here, so ``origin_jti`` refuses them.
    """
    ctx.conn.execute(
        refresh_tokens.update()
        .where(
            refresh_tokens.c.pool_id == user.pool_id,
            refresh_tokens.c.username_key == user.username_key,
            refresh_tokens.c.revoked_at.is_(None),
        )
        .values(revoked_at=ctx.now)
    )
    update_user(ctx, user, tokens_valid_after=float(math.floor(ctx.now)))
