"""RespondToAuthChallenge NEW_PASSWORD_REQUIRED: a user made by AdminCreateUser sets a password.

The answer carries NEW_PASSWORD (checked against the pool's policy) and ``userAttributes.<name>``
values: every attribute the challenge listed in ``requiredAttributes`` must be given, and an
immutable attribute the user already has can't be changed. The user becomes CONFIRMED with a
new SRP verifier (the temporary one stops working), then MFA follows if the pool asks for it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ...errors import InvalidParameterException
from ..ops import OpContext
from . import sessions, sign_in, users
from .mfa_answers import open_step
from .passwords import check_policy
from .records import ClientRecord, PoolRecord

PREFIX = "userAttributes."


def _given_attributes(pool: PoolRecord, responses: Mapping[str, Any]) -> dict[str, str]:
    """The ``userAttributes.<name>`` answers, checked against the schema."""
    given = [
        {"Name": key[len(PREFIX) :], "Value": str(value)}
        for key, value in responses.items()
        if key.startswith(PREFIX)
    ]
    return users.validate_attributes(pool, given)


def _immutable(pool: PoolRecord) -> set[str]:
    schema = pool.config.get("SchemaAttributes") or []
    return {str(attr["Name"]) for attr in schema if attr.get("Mutable") is False}


def _check_attributes(pool: PoolRecord, user: users.UserRecord, given: dict[str, str]) -> None:
    for name in sign_in.required_attributes(pool, user):
        if not given.get(name[len(PREFIX) :]):
            raise InvalidParameterException(
                f"Invalid attributes given, {name[len(PREFIX) :]} is missing"
            )
    for name in _immutable(pool) & given.keys():
        if user.attributes.get(name) not in (None, given[name]):
            raise InvalidParameterException(
                f"Cannot modify an already provided immutable attribute: {name}"
            )


def answer(
    ctx: OpContext, client: ClientRecord, responses: Mapping[str, Any], token: str | None
) -> dict[str, Any]:
    """Set the new password and attributes, confirm the user, then MFA or tokens."""
    session, pool, user = open_step(ctx, client, sign_in.NEW_PASSWORD_REQUIRED, responses, token)
    password = require_new_password(responses)
    check_policy(pool, password)
    given = _given_attributes(pool, responses)
    _check_attributes(pool, user, given)
    sessions.spend(ctx, session)
    users.set_password(ctx, pool, user, password)
    users.update_user(ctx, user, status=users.CONFIRMED)
    updated = users.set_attributes(ctx, pool, user, {**user.attributes, **given})
    return sign_in.second_factor(ctx, pool, client, updated)


def require_new_password(responses: Mapping[str, Any]) -> str:
    """NEW_PASSWORD, as Cognito names it when it is missing."""
    value = responses.get("NEW_PASSWORD")
    if not isinstance(value, str) or not value:
        raise InvalidParameterException("Missing required parameter NEW_PASSWORD")
    return value
