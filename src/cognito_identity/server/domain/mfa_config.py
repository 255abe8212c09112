"""A pool's MFA settings: the mode (OFF / OPTIONAL / ON) and the second factors it offers.

``MfaConfiguration`` and the SMS settings (``SmsConfiguration``, ``SmsAuthenticationMessage``)
are ``UserPoolType`` members and live in the pool's config, where DescribeUserPool shows them.
Which factors are on (SMS, authenticator app, email) is kept in ``pool_mfa``: with no row (a
pool that never saw SetUserPoolMfaConfig) SMS is offered when the pool has an
``SmsConfiguration``, as CreateUserPool implies. Nothing is really sent, so no SNS role or SES
identity is required: a factor is on when the request turns it on.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ...errors import InvalidParameterException
from ..ops import OpContext
from ..store.prepared import Prepared
from ..store.schema import pool_mfa, pools
from .records import PoolRecord

OFF, ON, OPTIONAL = "OFF", "ON", "OPTIONAL"
SMS_MFA, SOFTWARE_TOKEN_MFA, EMAIL_OTP = "SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"

NO_FACTOR = (
    "Invalid MFA configuration given, can't disable all MFAs with a required or optional "
    "configuration."
)
OFF_WITH_FACTOR = (
    "Invalid MFA configuration given, can't turn off MFA and configure an MFA together."
)
POOL_NEEDS_SMS = (
    "SMS configuration and Auto verification for phone_number are required when MFA is "
    "required/optional"
)


@dataclass(frozen=True)
class PoolFactors:
    """The second factors a pool offers; ``email`` is its EmailMfaConfiguration when on."""

    sms: bool
    software_token: bool
    email: dict[str, Any] | None

    def names(self) -> list[str]:
        """The factors' challenge names, in Cognito's order (SMS, TOTP, email)."""
        flags = ((SMS_MFA, self.sms), (SOFTWARE_TOKEN_MFA, self.software_token))
        named = [name for name, on in flags if on]
        return [*named, EMAIL_OTP] if self.email is not None else named


def mfa_mode(pool: PoolRecord) -> str:
    """``OFF``, ``OPTIONAL`` or ``ON``."""
    return str(pool.config.get("MfaConfiguration") or OFF)


def _default_factors(config: dict[str, Any]) -> PoolFactors:
    return PoolFactors(sms="SmsConfiguration" in config, software_token=False, email=None)


_POOL_MFA = Prepared(sa.select(pool_mfa).where(pool_mfa.c.pool_id == sa.bindparam("pool_id")))


def pool_factors(ctx: OpContext, pool: PoolRecord) -> PoolFactors:
    """The factors the pool offers now."""
    row = _POOL_MFA.first(ctx.conn, pool_id=pool.id)
    if row is None:
        return _default_factors(pool.config)
    return PoolFactors(bool(row["sms"]), bool(row["software_token"]), row["email"])


def check_pool_mfa(ctx: OpContext, pool_id: str | None, config: dict[str, Any]) -> None:
    """CreateUserPool / UpdateUserPool: ON or OPTIONAL needs a factor (SMS, on creation).

    ``pool_id`` is None for a pool being created (it has no ``pool_mfa`` row yet).
    """
    if config.get("MfaConfiguration", OFF) == OFF:
        return
    factors = _default_factors(config)
    if pool_id is not None:
        factors = pool_factors(ctx, PoolRecord(pool_id, "", config, 0.0, 0.0))
    if not factors.names():
        raise InvalidParameterException(POOL_NEEDS_SMS)


def mfa_config_shape(ctx: OpContext, pool: PoolRecord) -> dict[str, Any]:
    """The GetUserPoolMfaConfig / SetUserPoolMfaConfig response."""
    factors = pool_factors(ctx, pool)
    shape: dict[str, Any] = {
        "MfaConfiguration": mfa_mode(pool),
        "SoftwareTokenMfaConfiguration": {"Enabled": factors.software_token},
    }
    if factors.sms:
        sms = {key: pool.config[key] for key in ("SmsConfiguration",) if key in pool.config}
        if pool.config.get("SmsAuthenticationMessage"):
            sms["SmsAuthenticationMessage"] = pool.config["SmsAuthenticationMessage"]
        shape["SmsMfaConfiguration"] = sms
    if factors.email is not None:
        shape["EmailMfaConfiguration"] = factors.email
    return shape


def _requested_factors(body: dict[str, Any]) -> PoolFactors:
    software = bool((body.get("SoftwareTokenMfaConfiguration") or {}).get("Enabled"))
    email = body.get("EmailMfaConfiguration")
    return PoolFactors("SmsMfaConfiguration" in body, software, copy.deepcopy(email))


def _check_request(mode: str, factors: PoolFactors) -> None:
    if mode == OFF and factors.names():
        raise InvalidParameterException(OFF_WITH_FACTOR)
    if mode != OFF and not factors.names():
        raise InvalidParameterException(NO_FACTOR)


def _sms_settings(config: dict[str, Any], sms: dict[str, Any]) -> dict[str, Any]:
    """The pool config with SmsMfaConfiguration's members written to their UserPoolType keys."""
    updated = copy.deepcopy(config)
    for key in ("SmsConfiguration", "SmsAuthenticationMessage"):
        if key in sms:
            updated[key] = copy.deepcopy(sms[key])
    return updated


def set_pool_mfa(ctx: OpContext, pool: PoolRecord, body: dict[str, Any]) -> PoolRecord:
    """Apply a validated SetUserPoolMfaConfig request; returns the updated pool.

    The factors are exactly those the request turns on (a factor left out is turned off, as
    Cognito does). ``MfaConfiguration`` left out keeps the pool's mode.
    """
    mode = str(body.get("MfaConfiguration") or mfa_mode(pool))
    factors = _requested_factors(body)
    _check_request(mode, factors)
    config = _sms_settings(pool.config, body.get("SmsMfaConfiguration") or {})
    config["MfaConfiguration"] = mode
    ctx.conn.execute(
        pools.update().where(pools.c.id == pool.id).values(config=config, updated_at=ctx.now)
    )
    ctx.conn.execute(pool_mfa.delete().where(pool_mfa.c.pool_id == pool.id))
    ctx.conn.execute(
        pool_mfa.insert().values(
            pool_id=pool.id,
            sms=factors.sms,
            software_token=factors.software_token,
            email=factors.email,
        )
    )
    return PoolRecord(pool.id, pool.name, config, pool.created_at, ctx.now)
