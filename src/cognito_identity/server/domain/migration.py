"""UserMigration: users that exist only in an old system, created on their first sign-in.

When a sign-in that carries the password (USER_PASSWORD_AUTH; Cognito doesn't migrate on SRP,
where the server never sees it) or a ForgotPassword names a user the pool doesn't have, the
pool's UserMigration trigger is asked about them::

    request  {password (sign-in only), validationData, clientMetadata}
    response {userAttributes, finalUserStatus CONFIRMED | RESET_REQUIRED,
              messageAction SUPPRESS, desiredDeliveryMediums, forceAliasCreation}

A response with ``userAttributes`` creates the user: on sign-in with the password it was
checked with (stored as an SRP verifier, like any password), which then signs them in; on
ForgotPassword as RESET_REQUIRED, with no usable password until the reset. A trigger that
raises ("Bad password") fails the request with UserLambdaValidationException; no trigger, or
a response without attributes, leaves the user unknown. The local server sends no welcome
message, whatever ``messageAction`` says.
"""

from __future__ import annotations

import string
from typing import Any

from ...errors import InvalidLambdaResponseException
from ..ops import OpContext
from . import aliases, attributes, existence, ids, triggers, users
from .passwords import make_verifier
from .records import ClientRecord, PoolRecord
from .trigger_events import client_metadata

TRIGGER = "UserMigration"
CONFIRMED, RESET_REQUIRED = "CONFIRMED", "RESET_REQUIRED"
_HIDDEN_ATTRIBUTES = frozenset({"sub", "username", "cognito:username"})
_ALPHABET = string.ascii_letters + string.digits


def login_user(
    ctx: OpContext, client: ClientRecord, pool: PoolRecord, username: str, password: str
) -> users.UserRecord:
    """The user signing in as ``username``, migrated first when the pool doesn't have them."""
    user = users.find_by_name(ctx, pool, username)
    if user is None and triggers.configured(pool, TRIGGER) is not None:
        # A RESET_REQUIRED one is then refused by the password check, in a committed error.
        user = _migrate(ctx, client, pool, username, password)
    return user or existence.login_user(ctx, client, pool, username)


def find_for_reset(
    ctx: OpContext, client: ClientRecord, pool: PoolRecord, username: str
) -> users.UserRecord | None:
    """ForgotPassword's user: stored, else migrated (RESET_REQUIRED), else None."""
    user = users.find_by_name(ctx, pool, username)
    if user is None and triggers.configured(pool, TRIGGER) is not None:
        user = _migrate(ctx, client, pool, username, None)
    return user


def _migrate(
    ctx: OpContext, client: ClientRecord, pool: PoolRecord, username: str, password: str | None
) -> users.UserRecord | None:
    kind = "Authentication" if password is not None else "ForgotPassword"
    request: dict[str, Any] = {"validationData": client_metadata(ctx) or None}
    request["clientMetadata"] = client_metadata(ctx)
    if password is not None:
        request["password"] = password
    response = {
        "userAttributes": None,
        "finalUserStatus": None,
        "messageAction": None,
        "desiredDeliveryMediums": None,
        "forceAliasCreation": None,
    }
    source = f"{TRIGGER}_{kind}"
    sent = triggers.named_event(ctx, pool, username, client.id, source, request, response)
    answer = triggers.run(pool, TRIGGER, sent)
    if not answer.get("userAttributes"):
        return None
    status = _final_status(answer, password is not None)
    return _create(ctx, pool, username, _attributes(pool, username, answer), password, status)


def _final_status(answer: dict[str, Any], has_password: bool) -> str:
    status = answer.get("finalUserStatus") or CONFIRMED
    if status not in (CONFIRMED, RESET_REQUIRED):
        raise InvalidLambdaResponseException(f"Invalid {TRIGGER} response: finalUserStatus")
    # A user migrated through ForgotPassword has no password yet: a reset must follow.
    return status if has_password else RESET_REQUIRED


def _attributes(pool: PoolRecord, username: str, answer: dict[str, Any]) -> dict[str, str]:
    given = answer["userAttributes"]
    if not isinstance(given, dict):
        raise InvalidLambdaResponseException(f"Invalid {TRIGGER} response: userAttributes")
    items = [
        {"Name": str(name), "Value": str(value)}
        for name, value in given.items()
        if name not in _HIDDEN_ATTRIBUTES and value is not None
    ]
    values = attributes.validate_write(pool, items, admin=True)
    aliases.sign_up_attributes(pool, username, values)
    return values


def _create(
    ctx: OpContext,
    pool: PoolRecord,
    username: str,
    values: dict[str, str],
    password: str | None,
    status: str,
) -> users.UserRecord:
    sub = users.new_sub(ctx)
    name = sub if aliases.username_attributes(pool) else username
    # Without a password (ForgotPassword) the verifier is of a random one nobody knows.
    secret = (
        password if password is not None else ids.random_string(ctx.random_bytes, _ALPHABET, 40)
    )
    verifier = make_verifier(ctx, pool, name, secret)
    user = users.create_user(ctx, pool, name, values, verifier, sub=sub)
    users.confirm(ctx, user, None)  # its verified email / phone become aliases
    if status != CONFIRMED:
        users.update_user(ctx, user, status=status)
    return users.reload(ctx, user)
