"""A user's second factors: which are on, which is preferred, and what sign-in asks next.

The settings live in the ``users.mfa`` JSON column::

    {"enabled": ["SMS_MFA", "SOFTWARE_TOKEN_MFA"], "preferred": "SOFTWARE_TOKEN_MFA",
     "MFAOptions": [...], "PreferredMfaSetting": "...", "UserMFASettingList": [...]}

The last three are the wire fields GetUser / AdminGetUser return; they are derived from the
first two on every write (:func:`settings`), so readers can copy them as they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...errors import InvalidParameterException
from ..ops import OpContext
from . import software_tokens, users
from .mfa_config import EMAIL_OTP, OFF, ON, SMS_MFA, SOFTWARE_TOKEN_MFA, PoolFactors

FACTORS = (SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP)
SELECT_MFA_TYPE = "SELECT_MFA_TYPE"
MFA_SETUP = "MFA_SETUP"
#: The attribute each factor delivers to (TOTP needs a verified authenticator instead).
DELIVERY_ATTRIBUTE = {SMS_MFA: "phone_number", EMAIL_OTP: "email"}
#: SetUserMFAPreference members, by factor.
PREFERENCE_MEMBERS = {
    "SMSMfaSettings": SMS_MFA,
    "SoftwareTokenMfaSettings": SOFTWARE_TOKEN_MFA,
    "EmailMfaSettings": EMAIL_OTP,
}
LEGACY_SMS_OPTION = {"DeliveryMedium": "SMS", "AttributeName": "phone_number"}


@dataclass(frozen=True)
class MfaStep:
    """What sign-in asks after the password: a challenge name and, for SELECT_MFA_TYPE and
    MFA_SETUP, the factors on offer."""

    challenge: str
    choices: tuple[str, ...] = ()


def enabled_factors(user: users.UserRecord) -> list[str]:
    """The factors the user turned on, in Cognito's order."""
    enabled = set(user.mfa.get("enabled") or ())
    return [name for name in FACTORS if name in enabled]


def settings(enabled: list[str], preferred: str | None) -> dict[str, Any]:
    """The ``users.mfa`` value for these choices, wire fields included."""
    ordered = [name for name in FACTORS if name in enabled]
    value: dict[str, Any] = {"enabled": ordered, "preferred": preferred}
    if ordered:
        value["UserMFASettingList"] = ordered
    if preferred:
        value["PreferredMfaSetting"] = preferred
    if SMS_MFA in ordered:
        value["MFAOptions"] = [dict(LEGACY_SMS_OPTION)]
    return value


def _can_deliver(user: users.UserRecord, factor: str) -> bool:
    attribute = DELIVERY_ATTRIBUTE.get(factor)
    return attribute is None or bool(user.attributes.get(attribute))


def _check_can_enable(ctx: OpContext, user: users.UserRecord, factor: str) -> None:
    if factor == SOFTWARE_TOKEN_MFA:
        ready = software_tokens.has_verified_token(ctx, user)
    else:
        ready = _can_deliver(user, factor)
    if not ready:
        raise InvalidParameterException(
            f"User does not have delivery config set to turn on {factor}"
        )


def _turns_on(
    ctx: OpContext, user: users.UserRecord, factor: str, given: Mapping[str, Any]
) -> bool | None:
    """What one ``{Enabled, PreferredMfa}`` member does: True on, False off, None nothing."""
    if given.get("PreferredMfa") and given.get("Enabled") is False:
        raise InvalidParameterException(f"{factor} can't be preferred while it is disabled.")
    if given.get("Enabled") or given.get("PreferredMfa"):
        _check_can_enable(ctx, user, factor)
        return True
    return False if given.get("Enabled") is False else None


def _preferred_after(
    factor: str, given: Mapping[str, Any], preferred: str | None, enabled: set[str]
) -> str | None:
    if given.get("PreferredMfa"):
        return factor
    dropped = given.get("PreferredMfa") is False or factor not in enabled
    return None if preferred == factor and dropped else preferred


def set_preference(ctx: OpContext, user: users.UserRecord, body: Mapping[str, Any]) -> None:
    """SetUserMFAPreference / AdminSetUserMFAPreference: members left out stay as they are."""
    enabled, preferred = set(enabled_factors(user)), user.mfa.get("preferred")
    for member, factor in PREFERENCE_MEMBERS.items():
        given = body.get(member)
        if given is None:
            continue
        turn = _turns_on(ctx, user, factor, given)
        if turn is not None:
            (enabled.add if turn else enabled.discard)(factor)
        preferred = _preferred_after(factor, given, preferred, enabled)
    users.update_user(ctx, user, mfa=settings(sorted(enabled), preferred))


def set_legacy_options(ctx: OpContext, user: users.UserRecord, options: list[Any]) -> None:
    """SetUserSettings: ``MFAOptions`` turns SMS MFA on (one SMS option) or off (empty)."""
    for option in options:
        if option.get("DeliveryMedium") != "SMS" or option.get("AttributeName") not in (
            None,
            "phone_number",
        ):
            raise InvalidParameterException("Only SMS MFA to phone_number can be set here.")
    body = {"SMSMfaSettings": {"Enabled": bool(options)}}
    set_preference(ctx, user, body)


def enable_software_token(ctx: OpContext, user: users.UserRecord) -> None:
    """Turn TOTP on and make it preferred (after MFA_SETUP during sign-in)."""
    enabled = [*enabled_factors(user), SOFTWARE_TOKEN_MFA]
    users.update_user(ctx, user, mfa=settings(enabled, SOFTWARE_TOKEN_MFA))


def _usable(user: users.UserRecord, offered: list[str]) -> list[str]:
    return [f for f in enabled_factors(user) if f in offered and _can_deliver(user, f)]


def _required_fallback(user: users.UserRecord, offered: list[str]) -> MfaStep:
    """MFA is ON and the user turned nothing on: a code to a factor they have, or setup."""
    for factor in (SMS_MFA, EMAIL_OTP):
        if factor in offered and _can_deliver(user, factor):
            return MfaStep(factor)
    return MfaStep(MFA_SETUP, tuple(offered))


def next_step(mode: str, factors: PoolFactors, user: users.UserRecord) -> MfaStep | None:
    """The second-factor step of a sign-in, or None when tokens follow at once.

    OFF: none. OPTIONAL: the user's enabled factor, if any. ON: the same, else a code to the
    user's phone (SMS offered) or email (email offered), else MFA_SETUP. With several enabled
    factors and none preferred the user chooses (SELECT_MFA_TYPE).
    """
    if mode == OFF:
        return None
    offered = factors.names()
    usable = _usable(user, offered)
    preferred = user.mfa.get("preferred")
    if preferred in usable:
        return MfaStep(str(preferred))
    if len(usable) == 1:
        return MfaStep(usable[0])
    if usable:
        return MfaStep(SELECT_MFA_TYPE, tuple(usable))
    return _required_fallback(user, offered) if mode == ON else None
