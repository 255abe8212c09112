"""Sign-in rules shared by every flow, plus USER_PASSWORD_AUTH and REFRESH_TOKEN_AUTH.

The SRP flow (USER_SRP_AUTH -> PASSWORD_VERIFIER) lives in :mod:`.srp_login`. Order of checks
follows Cognito: the client's flow and secret hash, then the user, then the password, and only
after a correct password the user's state (disabled, unconfirmed), so state can't be probed.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn

from ...errors import (
    InvalidParameterException,
    NotAuthorizedException,
    PasswordResetRequiredException,
    UserNotConfirmedException,
)
from ...protocol.secret_hash import verify_secret_hash
from ..ops import OpContext
from . import devices, lockout, migration, sign_in, tokens, trigger_events, users
from .clients import flow_allowed
from .failures import committed_on_error
from .passwords import password_matches
from .records import ClientRecord, PoolRecord, load_pool

WRONG_PASSWORD = "Incorrect username or password."
INVALID_REFRESH = "Invalid Refresh Token"
RESET_REQUIRED = "RESET_REQUIRED"
PASSWORD_RESET_REQUIRED = "Password reset required for the user"


def check_secret_hash(client: ClientRecord, username: str, value: str | None) -> None:
    """Require a correct SECRET_HASH when the client has a secret (ignored otherwise)."""
    if client.secret is None:
        return
    if value is None:
        raise NotAuthorizedException(
            f"Client {client.id} is configured for secret but secret was not received"
        )
    if not verify_secret_hash(value, username, client.id, client.secret):
        raise NotAuthorizedException(f"Unable to verify secret hash for client {client.id}")


def require_flow(client: ClientRecord, flow: str) -> None:
    """InvalidParameterException unless ``flow`` (``USER_SRP_AUTH``...) is enabled."""
    if not flow_allowed(client, flow):
        raise InvalidParameterException(f"{flow} flow not enabled for this client")


def require_param(params: Mapping[str, Any], name: str) -> str:
    """A required string parameter of AuthParameters / ChallengeResponses."""
    value = params.get(name)
    if not isinstance(value, str) or not value:
        raise InvalidParameterException(f"Missing required parameter {name}")
    return value


def wrong_password(ctx: OpContext, user: users.UserRecord) -> NoReturn:
    """Count the failure and answer like Cognito (run inside ``committed_on_error``)."""
    users.record_login_failure(ctx, user)
    raise NotAuthorizedException(WRONG_PASSWORD)


def check_password_usable(user: users.UserRecord) -> None:
    """PasswordResetRequiredException for a RESET_REQUIRED user (AdminResetUserPassword, or an
    imported user): the old password no longer works, right or wrong, until a reset code sets
    a new one (ForgotPassword / ConfirmForgotPassword)."""
    if user.status == RESET_REQUIRED:
        raise PasswordResetRequiredException(PASSWORD_RESET_REQUIRED)


def check_can_sign_in(user: users.UserRecord) -> None:
    """State checks that run only once the password is known to be right."""
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    if user.status == users.UNCONFIRMED:
        raise UserNotConfirmedException("User is not confirmed.")


def finish_sign_in(
    ctx: OpContext,
    pool: PoolRecord,
    client: ClientRecord,
    user: users.UserRecord,
    device_key: str | None = None,
) -> dict[str, Any]:
    """After a correct password: reset the counter, check the user's state, then the next step
    (NEW_PASSWORD_REQUIRED, an MFA challenge, device SRP for ``device_key``, or tokens: see
    :func:`.sign_in.next_step`).

    Run inside ``committed_on_error`` so the reset holds even when the state check fails.
    """
    users.record_login_success(ctx, user)
    check_can_sign_in(user)
    return sign_in.next_step(ctx, pool, client, user, device_key)


def password_auth(
    ctx: OpContext,
    client: ClientRecord,
    params: Mapping[str, Any],
    flow: str = "USER_PASSWORD_AUTH",
) -> dict[str, Any]:
    """USER_PASSWORD_AUTH (or AdminInitiateAuth's ADMIN_USER_PASSWORD_AUTH / ADMIN_NO_SRP_AUTH,
    named by ``flow`` for the client's permission check): the password itself is checked
    against the stored SRP verifier."""
    require_flow(client, flow)
    username = require_param(params, "USERNAME")
    password = require_param(params, "PASSWORD")
    check_secret_hash(client, username, params.get("SECRET_HASH"))
    pool = load_pool(ctx.conn, client.pool_id)
    user = migration.login_user(ctx, client, pool, username, password)
    trigger_events.pre_authentication(ctx, pool, user)
    with committed_on_error(ctx):
        lockout.check(ctx, user)
        check_password_usable(user)
        if not _password_matches(pool, user, password):
            wrong_password(ctx, user)
        return finish_sign_in(ctx, pool, client, user, devices.step_key({}, params))


def _password_matches(pool: PoolRecord, user: users.UserRecord, password: str) -> bool:
    if user.password_salt is None or user.password_verifier is None:
        return False
    salt, verifier = user.password_salt, user.password_verifier
    return password_matches(pool, user.username, password, salt, verifier)


def _refresh_row(ctx: OpContext, client: ClientRecord, token: str) -> Any:
    row = tokens.find_refresh_token(ctx, token)
    if row is None or row.client_id != client.id:
        raise NotAuthorizedException(INVALID_REFRESH)
    if row.revoked_at is not None:
        raise NotAuthorizedException("Refresh Token has been revoked")
    if row.expires_at <= ctx.now:
        raise NotAuthorizedException("Refresh Token has expired")
    return row


def _refresh_user(ctx: OpContext, pool: PoolRecord, row: Any) -> users.UserRecord:
    user = users.find_user(ctx, pool.id, row.username_key)
    if user is None:
        raise NotAuthorizedException(INVALID_REFRESH)
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    # A global sign-out or password reset after this sign-in revokes its refresh token.
    if user.tokens_valid_after is not None and row.created_at < user.tokens_valid_after:
        raise NotAuthorizedException("Refresh Token has been revoked")
    return user


def _check_refresh_secret_hash(
    client: ClientRecord, user: users.UserRecord, value: str | None
) -> None:
    # The hash may be computed over the username or the sub (what pycognito users hold).
    try:
        check_secret_hash(client, user.username, value)
    except NotAuthorizedException:
        check_secret_hash(client, user.sub, value)


def refresh(ctx: OpContext, client: ClientRecord, params: Mapping[str, Any]) -> dict[str, Any]:
    """REFRESH_TOKEN_AUTH: new ID and access tokens for the same sign-in (no new refresh token)."""
    require_flow(client, "REFRESH_TOKEN_AUTH")
    row = _refresh_row(ctx, client, require_param(params, "REFRESH_TOKEN"))
    pool = load_pool(ctx.conn, client.pool_id)
    user = _refresh_user(ctx, pool, row)
    _check_refresh_secret_hash(client, user, params.get("SECRET_HASH"))
    devices.check_refresh(ctx, row, params.get("DEVICE_KEY"))
    grant = tokens.Grant(pool, client, user, row.origin_jti, int(row.auth_time), row.device_key)
    return {"ChallengeParameters": {}, "AuthenticationResult": tokens.mint(ctx, grant)}
