"""User operations: sign-up and confirmation, and reading a user (by admin or by token)."""

from __future__ import annotations

from ...errors import InvalidParameterException, NotAuthorizedException
from ..domain import codes, delivery, tokens, users
from ..domain.auth import check_secret_hash
from ..domain.passwords import check_policy, make_verifier
from ..domain.records import ClientRecord, PoolRecord, load_client, load_pool
from . import Body, OpContext, operation

SIGNUP = "signup"
# What ConfirmSignUp and ResendConfirmationCode answer for an unknown user.
NO_SUCH_USER = "Username/client id combination not found."


def _client_and_pool(ctx: OpContext, body: Body) -> tuple[ClientRecord, PoolRecord]:
    """The app client named by ClientId, its pool, and the SecretHash check for Username."""
    client = load_client(ctx.conn, body["ClientId"])
    check_secret_hash(client, body["Username"], body.get("SecretHash"))
    return client, load_pool(ctx.conn, client.pool_id)


def _send_signup_code(ctx: OpContext, pool: PoolRecord, user: users.UserRecord) -> Body | None:
    """Issue a sign-up code on the auto-verified channel; its CodeDeliveryDetails, if any."""
    channel = delivery.signup_channel(pool, user)
    if channel is None:
        return None
    code = codes.issue(ctx, pool.id, user.username_key, SIGNUP, codes.SIGNUP_CODE_TTL)
    return delivery.send_code(ctx, pool, user, channel, SIGNUP, code)


@operation("SignUp")
def sign_up(ctx: OpContext, body: Body) -> Body:
    """Register an UNCONFIRMED user and send a confirmation code when the pool auto-verifies."""
    _client, pool = _client_and_pool(ctx, body)
    check_policy(pool, body["Password"])
    attributes = users.validate_attributes(pool, body.get("UserAttributes") or [])
    verifier = make_verifier(ctx, pool, body["Username"], body["Password"])
    user = users.create_user(ctx, pool, body["Username"], attributes, verifier)
    result: Body = {"UserConfirmed": False, "UserSub": user.sub}
    details = _send_signup_code(ctx, pool, user)
    if details is not None:
        result["CodeDeliveryDetails"] = details
    return result


def _unconfirmed_user(ctx: OpContext, pool: PoolRecord, username: str) -> users.UserRecord:
    user = users.get_user(ctx, pool, username, NO_SUCH_USER)
    if user.status != users.UNCONFIRMED:
        raise NotAuthorizedException(f"User cannot be confirmed. Current status is {user.status}")
    return user


@operation("ConfirmSignUp")
def confirm_sign_up(ctx: OpContext, body: Body) -> Body:
    """Confirm a sign-up with the emailed/texted code; its channel becomes verified."""
    _client, pool = _client_and_pool(ctx, body)
    user = _unconfirmed_user(ctx, pool, body["Username"])
    codes.consume(ctx, pool.id, user.username_key, SIGNUP, body["ConfirmationCode"])
    channel = delivery.signup_channel(pool, user)
    users.confirm(ctx, user, None if channel is None else channel.attribute)
    return {}


@operation("ResendConfirmationCode")
def resend_confirmation_code(ctx: OpContext, body: Body) -> Body:
    """Send a new sign-up code; older ones stop working."""
    _client, pool = _client_and_pool(ctx, body)
    user = users.get_user(ctx, pool, body["Username"], NO_SUCH_USER)
    if user.status != users.UNCONFIRMED:
        raise InvalidParameterException("User is already confirmed.")
    details = _send_signup_code(ctx, pool, user)
    if details is None:
        raise InvalidParameterException("Auto verification not turned on.")
    return {"CodeDeliveryDetails": details}


@operation("AdminConfirmSignUp")
def admin_confirm_sign_up(ctx: OpContext, body: Body) -> Body:
    """Confirm a user without a code (no attribute becomes verified)."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    user = _unconfirmed_user(ctx, pool, body["Username"])
    codes.invalidate(ctx, pool.id, user.username_key, SIGNUP)
    users.confirm(ctx, user, None)
    return {}


@operation("AdminGetUser")
def admin_get_user(ctx: OpContext, body: Body) -> Body:
    """A user as an administrator sees it: attributes, status, dates."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    return users.admin_view(users.get_user(ctx, pool, body["Username"]))


@operation("GetUser")
def get_user(ctx: OpContext, body: Body) -> Body:
    """The signed-in user (named by its access token) and its attributes."""
    _pool, user, _claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
    return {
        "Username": user.username,
        "UserAttributes": users.attribute_list(user),
        **users.mfa_fields(user),
    }
