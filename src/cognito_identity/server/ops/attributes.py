"""A signed-in user's own attributes: update, delete, and verify email / phone with a code.

Each operation is authorised by the user's access token (see
:func:`..domain.tokens.authenticate_access_token`): a revoked or expired token is refused.
"""

from __future__ import annotations

from ..domain import attributes, profile, tokens
from ..domain.records import load_client
from . import Body, OpContext, operation


@operation("UpdateUserAttributes")
def update_user_attributes(ctx: OpContext, body: Body) -> Body:
    """Change attributes; a changed email/phone is sent a code (CodeDeliveryDetailsList)."""
    pool, user, claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
    client = load_client(ctx.conn, str(claims.get("client_id", "")))
    values = attributes.validate_write(pool, body["UserAttributes"], client=client)
    attributes.check_update(pool, values)
    sent = profile.update(ctx, pool, user, values)
    return {"CodeDeliveryDetailsList": sent} if sent else {}


@operation("DeleteUserAttributes")
def delete_user_attributes(ctx: OpContext, body: Body) -> Body:
    """Remove attributes that are neither required nor immutable."""
    pool, user, _claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
    names = list(body["UserAttributeNames"])
    attributes.check_deletable(pool, names)
    profile.delete(ctx, pool, user, names)
    return {}


@operation("GetUserAttributeVerificationCode")
def get_user_attribute_verification_code(ctx: OpContext, body: Body) -> Body:
    """Send a code verifying the user's email or phone (the pending new value, if any)."""
    pool, user, _claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
    return {
        "CodeDeliveryDetails": profile.send_verification_code(
            ctx, pool, user, body["AttributeName"]
        )
    }


@operation("VerifyUserAttribute")
def verify_user_attribute(ctx: OpContext, body: Body) -> Body:
    """Mark email / phone verified with the code (a pending new value takes effect)."""
    pool, user, _claims = tokens.authenticate_access_token(ctx, body["AccessToken"])
    profile.verify(ctx, pool, user, body["AttributeName"], body["Code"])
    return {}
