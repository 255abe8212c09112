"""A signed-in user changing their own attributes, and verifying email / phone with a code.

Changing ``email`` or ``phone_number`` makes it unverified, and a code goes to the new value
when the pool auto-verifies that attribute. If the pool lists the attribute in
``UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate`` and the current value
is verified, the new value waits in ``users.pending_attributes`` instead: the old one stays in
effect (sign-in alias, messages, ID token) until VerifyUserAttribute gets the code.
"""

from __future__ import annotations

from collections.abc import Iterable

from ...errors import InvalidParameterException
from ..ops import OpContext
from . import aliases, codes, delivery, users
from .records import PoolRecord

VERIFIABLE = aliases.VERIFIABLE


def _verified(attributes: dict[str, str], name: str) -> bool:
    return attributes.get(f"{name}_verified") == "true"


def _held_back(pool: PoolRecord) -> set[str]:
    settings = pool.config.get("UserAttributeUpdateSettings") or {}
    return set(settings.get("AttributesRequireVerificationBeforeUpdate") or [])


def _auto_verified(pool: PoolRecord) -> set[str]:
    return set(pool.config.get("AutoVerifiedAttributes") or [])


class _Change:
    """The attribute map and pending values being edited, and what needs a code afterwards."""

    def __init__(self, user: users.UserRecord) -> None:
        self.attributes = dict(user.attributes)
        self.pending = dict(user.pending_attributes or {})
        self.to_verify: list[str] = []

    def remove(self, name: str) -> None:
        self.attributes.pop(name, None)
        self.pending.pop(name, None)
        if name in VERIFIABLE:
            self.attributes.pop(f"{name}_verified", None)

    def set_verifiable(self, pool: PoolRecord, name: str, value: str) -> None:
        if self.attributes.get(name) == value:
            self.pending.pop(name, None)  # back to the value in effect: nothing to verify
            return
        if name in _held_back(pool) and _verified(self.attributes, name):
            self.pending[name] = value
        else:
            self.attributes[name] = value
            self.attributes[f"{name}_verified"] = "false"
            self.pending.pop(name, None)
        self.to_verify.append(name)

    def set(self, pool: PoolRecord, name: str, value: str) -> None:
        if value == "":
            self.remove(name)  # UpdateUserAttributes deletes an attribute sent empty
        elif name in VERIFIABLE:
            self.set_verifiable(pool, name, value)
        else:
            self.attributes[name] = value


def _target(user: users.UserRecord, name: str) -> str | None:
    """The value a code for ``name`` verifies: the pending one if any, else the current one."""
    return (user.pending_attributes or {}).get(name) or user.attributes.get(name)


def send_verification_code(
    ctx: OpContext, pool: PoolRecord, user: users.UserRecord, name: str
) -> dict[str, str]:
    """Send a code verifying ``name``; its CodeDeliveryDetails.

    Raises:
        InvalidParameterException: not a verifiable attribute, or the user has no value for it.
        LimitExceededException: too many codes asked for lately.
    """
    if name not in VERIFIABLE:
        raise InvalidParameterException(f"Attribute {name} cannot be verified.")
    value = _target(user, name)
    if not value:
        raise InvalidParameterException(f"User has no attribute {name} to verify.")
    purpose = codes.attribute_purpose(name)
    code = codes.issue(ctx, pool.id, user.username_key, purpose, codes.CODE_TTL)
    channel = delivery.attribute_channel(name, value)
    return delivery.send_code(ctx, pool, user, channel, purpose, code)


def update(
    ctx: OpContext, pool: PoolRecord, user: users.UserRecord, values: dict[str, str]
) -> list[dict[str, str]]:
    """Apply UpdateUserAttributes' (checked) values; the CodeDeliveryDetailsList it sends.

    Raises:
        AliasExistsException: a new sign-in name belongs to another user.
    """
    change = _Change(user)
    for name, value in values.items():
        change.set(pool, name, value)
    updated = users.set_attributes(ctx, pool, user, change.attributes, change.pending)
    for name in change.to_verify:
        # A code sent for the previous value must not verify the new one.
        codes.invalidate(ctx, pool.id, user.username_key, codes.attribute_purpose(name))
    auto = _auto_verified(pool)
    return [
        send_verification_code(ctx, pool, updated, name)
        for name in change.to_verify
        if name in auto
    ]


def delete(ctx: OpContext, pool: PoolRecord, user: users.UserRecord, names: Iterable[str]) -> None:
    """Remove attributes (the caller checked that they may go)."""
    change = _Change(user)
    for name in names:
        change.remove(name)
    users.set_attributes(ctx, pool, user, change.attributes, change.pending)


def verify(ctx: OpContext, pool: PoolRecord, user: users.UserRecord, name: str, code: str) -> None:
    """VerifyUserAttribute: check the code, then the pending value (if any) takes effect.

    Raises:
        CodeMismatchException / ExpiredCodeException / LimitExceededException: see
            :func:`.codes.consume`.
        AliasExistsException: the verified value is another user's sign-in name.
    """
    if name not in VERIFIABLE:
        raise InvalidParameterException(f"Attribute {name} cannot be verified.")
    codes.consume(ctx, pool.id, user.username_key, codes.attribute_purpose(name), code)
    attributes = dict(user.attributes)
    pending = dict(user.pending_attributes or {})
    if name in pending:
        attributes[name] = pending.pop(name)
    attributes[f"{name}_verified"] = "true"
    users.set_attributes(ctx, pool, user, attributes, pending)
