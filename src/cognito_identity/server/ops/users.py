"""User operations: sign-up and confirmation, and reading a user (by admin or by token)."""

from __future__ import annotations

from ...errors import InvalidParameterException, NotAuthorizedException
from ..domain import aliases, attributes, codes, delivery, existence, tokens, trigger_events, users
from ..domain.auth import check_secret_hash
from ..domain.passwords import check_policy, make_verifier
from ..domain.records import ClientRecord, PoolRecord, load_client, load_pool
from . import Body, OpContext, operation

SIGNUP = codes.SIGNUP


def client_and_pool(ctx: OpContext, body: Body) -> tuple[ClientRecord, PoolRecord]:
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


def _sign_up_attributes(pool: PoolRecord, client: ClientRecord, body: Body) -> dict[str, str]:
    """The new user's attributes: checked, with the sign-in email/phone, required ones there."""
    given = body.get("UserAttributes") or []
    values = attributes.validate_write(pool, given, client=client)
    aliases.sign_up_attributes(pool, body["Username"], values)
    attributes.check_required(pool, values)
    return values


@operation("SignUp")
def sign_up(ctx: OpContext, body: Body) -> Body:
    """Register an UNCONFIRMED user and send a confirmation code when the pool auto-verifies.

    With UsernameAttributes the Username is the email or phone; the user's internal username
    (and USER_ID_FOR_SRP) is then its generated sub.
    """
    client, pool = client_and_pool(ctx, body)
    aliases.check_sign_up_name(pool, body["Username"])
    # The model makes Password optional (for passwordless pools); these pools need one.
    password = body.get("Password")
    if not password:
        raise InvalidParameterException("Password is required.")
    check_policy(pool, password)
    values = _sign_up_attributes(pool, client, body)
    sub = users.new_sub(ctx)
    username = sub if aliases.username_attributes(pool) else body["Username"]
    decision = trigger_events.pre_sign_up(ctx, pool, username, values, "SignUp")
    verifier = make_verifier(ctx, pool, username, password)
    user = users.create_user(ctx, pool, username, values, verifier, sub=sub)
    trigger_events.apply_sign_up(ctx, user, decision)
    result: Body = {"UserConfirmed": decision.auto_confirm, "UserSub": user.sub}
    # A user PreSignUp confirmed gets no code (Cognito sends none either).
    details = None if decision.auto_confirm else _send_signup_code(ctx, pool, user)
    if details is not None:
        result["CodeDeliveryDetails"] = details
    return result


def _check_unconfirmed(user: users.UserRecord) -> None:
    if user.status != users.UNCONFIRMED:
        raise NotAuthorizedException(f"User cannot be confirmed. Current status is {user.status}")


@operation("ConfirmSignUp")
def confirm_sign_up(ctx: OpContext, body: Body) -> Body:
    """Confirm a sign-up with the emailed/texted code; its channel becomes verified.

    A verified email/phone that another user has as alias: AliasExistsException, unless
    ForceAliasCreation moves it here (the code is only spent when the whole call succeeds).
    """
    client, pool = client_and_pool(ctx, body)
    user = existence.code_target(ctx, client, pool, body["Username"])
    _check_unconfirmed(user)
    codes.consume(ctx, pool.id, user.username_key, SIGNUP, body["ConfirmationCode"])
    channel = delivery.signup_channel(pool, user)
    force = bool(body.get("ForceAliasCreation"))
    users.confirm(ctx, user, None if channel is None else channel.attribute, force_alias=force)
    trigger_events.post_confirmation(ctx, pool, user, "ConfirmSignUp")
    return {}


@operation("ResendConfirmationCode")
def resend_confirmation_code(ctx: OpContext, body: Body) -> Body:
    """Send a new sign-up code; older ones stop working."""
    client, pool = client_and_pool(ctx, body)
    user = users.find_by_name(ctx, pool, body["Username"])
    if user is None:
        return {"CodeDeliveryDetails": existence.fake_delivery(ctx, client, pool, body["Username"])}
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
    user = users.get_user(ctx, pool, body["Username"])
    _check_unconfirmed(user)
    codes.invalidate(ctx, pool.id, user.username_key, SIGNUP)
    users.confirm(ctx, user, None)
    trigger_events.post_confirmation(ctx, pool, user, "ConfirmSignUp")
    return {}


@operation("AdminGetUser")
def admin_get_user(ctx: OpContext, body: Body) -> Body:
    """A user as an administrator sees it: attributes, status, dates."""
    pool = load_pool(ctx.conn, body["UserPoolId"])
    return users.admin_view(users.get_user(ctx, pool, body["Username"]))


@operation("GetUser")
def get_user(ctx: OpContext, body: Body) -> Body:
    """The signed-in user (named by its access token) and the attributes its app client (the
    token's ``client_id``) may read."""
    pool, user, claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
    client = load_client(ctx.conn, str(claims.get("client_id", "")), pool.id)
    return {
        "Username": user.username,
        "UserAttributes": users.attribute_list(attributes.readable(client, user.attributes)),
        **users.mfa_fields(user),
    }


@operation("DeleteUser")
def delete_user(ctx: OpContext, body: Body) -> Body:
    """Delete the signed-in user and everything of theirs (aliases, codes, tokens)."""
    _pool, user, _claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
    users.delete_user(ctx, user)
    return {}
