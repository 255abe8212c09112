"""Where a code goes (email or SMS) and how Cognito shows the destination (masked)."""

from __future__ import annotations

from dataclasses import dataclass

from ..ops import OpContext
from . import outbox, trigger_events
from .records import PoolRecord
from .users import UserRecord


@dataclass(frozen=True)
class Channel:
    """One delivery channel: the attribute, its medium and the user's value of it."""

    attribute: str
    medium: str
    destination: str


def signup_channel(pool: PoolRecord, user: UserRecord) -> Channel | None:
    """The channel sign-up codes use: an auto-verified attribute the user has.

    When both are auto-verified Cognito sends the code by SMS, so the phone comes first.
    """
    auto = pool.config.get("AutoVerifiedAttributes") or []
    for attribute, medium in (("phone_number", "SMS"), ("email", "EMAIL")):
        value = user.attributes.get(attribute)
        if attribute in auto and value:
            return Channel(attribute, medium, value)
    return None


MEDIUM = {"email": "EMAIL", "phone_number": "SMS"}
_RECOVERY = {"verified_email": "email", "verified_phone_number": "phone_number"}


def attribute_channel(attribute: str, value: str) -> Channel:
    """The channel that verifies ``attribute`` (email or phone_number) at ``value``."""
    return Channel(attribute, MEDIUM[attribute], value)


def recovery_channel(pool: PoolRecord, user: UserRecord) -> Channel | None:
    """Where ForgotPassword sends its code: the pool's AccountRecoverySetting in priority
    order, over *verified* attributes only; None when the user has none of them."""
    setting = pool.config.get("AccountRecoverySetting") or {}
    mechanisms = sorted(
        setting.get("RecoveryMechanisms") or [], key=lambda item: int(item.get("Priority", 0))
    )
    names = [_RECOVERY[item["Name"]] for item in mechanisms if item.get("Name") in _RECOVERY]
    if not mechanisms:
        names = ["email", "phone_number"]
    for attribute in names:
        value = user.attributes.get(attribute)
        if value and user.attributes.get(f"{attribute}_verified") == "true":
            return attribute_channel(attribute, value)
    return None


def mask(channel: Channel) -> str:
    """Cognito's masked destination: ``a***@e***`` for email, ``+*******1234`` for phone."""
    value = channel.destination
    if channel.medium == "EMAIL":
        local, _, domain = value.partition("@")
        return f"{local[:1]}***@{domain[:1]}***"
    digits = value.lstrip("+")
    shown = digits[-4:] if len(digits) > 4 else ""
    return "+" + "*" * (len(digits) - len(shown)) + shown


def _template(pool: PoolRecord, medium: str) -> str | None:
    templates = pool.config.get("VerificationMessageTemplate") or {}
    if medium == "EMAIL":
        found = templates.get("EmailMessage") or pool.config.get("EmailVerificationMessage")
    else:
        found = templates.get("SmsMessage") or pool.config.get("SmsVerificationMessage")
    return None if found is None else str(found)


def send_code(
    ctx: OpContext, pool: PoolRecord, user: UserRecord, channel: Channel, kind: str, code: str
) -> dict[str, str]:
    """Put the code in the outbox; return the response's ``CodeDeliveryDetails``."""
    template = _template(pool, channel.medium)
    template = trigger_events.custom_message(ctx, pool, user, channel.medium, template)
    message = outbox.render(template, code)
    outbox.send(
        ctx, pool.id, user.username, channel.destination, channel.medium, kind, code, message
    )
    return {
        "Destination": mask(channel),
        "DeliveryMedium": channel.medium,
        "AttributeName": channel.attribute,
    }
