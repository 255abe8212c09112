"""App client settings (``UserPoolClientType``): defaults, auth flows, token lifetimes.

For the auth operations::

    allowed_auth_flows(client)        {"ALLOW_USER_SRP_AUTH", ...}  (legacy names normalised)
    flow_allowed(client, "USER_SRP_AUTH")
    token_validity_seconds(client)    (access, id, refresh) in seconds
"""

from __future__ import annotations

import copy
from typing import Any

from ...errors import InvalidParameterException
from .records import ClientRecord

# Pre-2019 ExplicitAuthFlows values and the ALLOW_* flow each one grants.
LEGACY_FLOWS = {
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
    "CUSTOM_AUTH_FLOW_ONLY": "ALLOW_CUSTOM_AUTH",
}
# What Cognito allows a client whose ExplicitAuthFlows is empty or absent.
DEFAULT_FLOWS = frozenset({"ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"})
ALL_FLOWS = (
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_CUSTOM_AUTH",
    "ALLOW_USER_PASSWORD_AUTH",
    "ALLOW_USER_SRP_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
)
# InitiateAuth / AdminInitiateAuth AuthFlow -> the ExplicitAuthFlows value that permits it.
AUTH_FLOW_PERMISSION = {
    "USER_SRP_AUTH": "ALLOW_USER_SRP_AUTH",
    "REFRESH_TOKEN_AUTH": "ALLOW_REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN": "ALLOW_REFRESH_TOKEN_AUTH",
    "CUSTOM_AUTH": "ALLOW_CUSTOM_AUTH",
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ADMIN_USER_PASSWORD_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
    "USER_AUTH": "ALLOW_USER_AUTH",
}

UNIT_SECONDS = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
DEFAULT_UNITS = {"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"}
DEFAULT_VALIDITY = {"AccessToken": 60, "IdToken": 60, "RefreshToken": 30}
# Cognito's accepted ranges, in seconds: 5 minutes to 1 day, and 1 hour to 10 years.
VALIDITY_RANGE = {
    "AccessToken": (300, 86400),
    "IdToken": (300, 86400),
    "RefreshToken": (3600, 315360000),
}
_VALIDITY_MEMBER = {
    "AccessToken": "AccessTokenValidity",
    "IdToken": "IdTokenValidity",
    "RefreshToken": "RefreshTokenValidity",
}


def allowed_auth_flows(client: ClientRecord) -> frozenset[str]:
    """The ALLOW_* flows the client permits.

    * no ExplicitAuthFlows: ALLOW_USER_SRP_AUTH, ALLOW_CUSTOM_AUTH, ALLOW_REFRESH_TOKEN_AUTH;
    * ALLOW_* values: exactly those;
    * legacy values: SRP, custom auth and refresh always, plus what each legacy value grants;
      CUSTOM_AUTH_FLOW_ONLY leaves custom auth and refresh only.
    """
    given = set(client.config.get("ExplicitAuthFlows") or ())
    if not given:
        return DEFAULT_FLOWS
    legacy = given & LEGACY_FLOWS.keys()
    if not legacy:
        return frozenset(given)
    if "CUSTOM_AUTH_FLOW_ONLY" in legacy:
        return frozenset({"ALLOW_CUSTOM_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"})
    return DEFAULT_FLOWS | {LEGACY_FLOWS[name] for name in legacy}


def flow_allowed(client: ClientRecord, auth_flow: str) -> bool:
    """Whether InitiateAuth's ``AuthFlow`` (``USER_SRP_AUTH``, ...) is enabled for ``client``."""
    permission = AUTH_FLOW_PERMISSION.get(auth_flow)
    return permission is not None and permission in allowed_auth_flows(client)


def token_validity_seconds(client: ClientRecord) -> tuple[int, int, int]:
    """(access, id, refresh) token lifetimes in seconds, from the client's settings."""
    config = client.config
    return (
        _seconds(config, "AccessToken"),
        _seconds(config, "IdToken"),
        _seconds(config, "RefreshToken"),
    )


def _seconds(config: dict[str, Any], token: str) -> int:
    value = config.get(_VALIDITY_MEMBER[token]) or DEFAULT_VALIDITY[token]
    unit = (config.get("TokenValidityUnits") or {}).get(token) or DEFAULT_UNITS[token]
    return int(value) * UNIT_SECONDS[unit]


def _check_flows(flows: list[str]) -> None:
    if set(flows) & LEGACY_FLOWS.keys() and any(flow.startswith("ALLOW_") for flow in flows):
        raise InvalidParameterException(
            "ExplicitAuthFlows cannot contain both legacy and ALLOW_ prefixed values."
        )


def _check_validity(config: dict[str, Any]) -> None:
    for token, (low, high) in VALIDITY_RANGE.items():
        if not low <= _seconds(config, token) <= high:
            raise InvalidParameterException("Invalid range for token validity.")
    if _seconds(config, "AccessToken") > _seconds(config, "RefreshToken") or _seconds(
        config, "IdToken"
    ) > _seconds(config, "RefreshToken"):
        raise InvalidParameterException(
            "Access and id token validity must be less than refresh token validity."
        )


def _check_attributes(config: dict[str, Any], schema_names: set[str]) -> None:
    for member in ("ReadAttributes", "WriteAttributes"):
        unknown = [name for name in config.get(member) or () if name not in schema_names]
        if unknown:
            kind = "read" if member == "ReadAttributes" else "write"
            raise InvalidParameterException(
                f"Invalid {kind} attributes specified while creating a client"
            )


def client_defaults() -> dict[str, Any]:
    """Settings Cognito gives an app client when the request leaves them out."""
    return {
        **{_VALIDITY_MEMBER[token]: value for token, value in DEFAULT_VALIDITY.items()},
        "TokenValidityUnits": dict(DEFAULT_UNITS),
        "AllowedOAuthFlowsUserPoolClient": False,
        "PreventUserExistenceErrors": "LEGACY",
        "EnableTokenRevocation": True,
        "EnablePropagateAdditionalUserContextData": False,
        "AuthSessionValidity": 3,
    }


def _normalised(config: dict[str, Any], schema_names: set[str]) -> dict[str, Any]:
    """Fill unit defaults, treat RefreshTokenValidity 0 as unset, then check the whole."""
    config["TokenValidityUnits"] = {**DEFAULT_UNITS, **(config.get("TokenValidityUnits") or {})}
    if not config.get("RefreshTokenValidity"):
        config["RefreshTokenValidity"] = DEFAULT_VALIDITY["RefreshToken"]
    _check_flows(config.get("ExplicitAuthFlows") or [])
    _check_validity(config)
    _check_attributes(config, schema_names)
    return config


# Request members that are not stored settings.
_NOT_SETTINGS = frozenset({"UserPoolId", "ClientId", "GenerateSecret", "ClientSecret"})


def new_client_config(body: dict[str, Any], schema_names: set[str]) -> dict[str, Any]:
    """The stored ``UserPoolClientType`` settings for a validated CreateUserPoolClient request
    (ids, secret and dates are added by the operation)."""
    given = {k: copy.deepcopy(v) for k, v in body.items() if k not in _NOT_SETTINGS}
    return _normalised({**client_defaults(), **given}, schema_names)


def updated_client_config(
    config: dict[str, Any], body: dict[str, Any], schema_names: set[str]
) -> dict[str, Any]:
    """The client's settings after an UpdateUserPoolClient request, as Cognito makes them.

    Not a merge: settings the request leaves out go back to their defaults (token validity,
    ExplicitAuthFlows, Read/WriteAttributes, OAuth settings...), so callers send the whole
    client back. The name stays unless ``ClientName`` is given. The model has no
    GenerateSecret here: the secret is kept as created. (Newer models rotate secrets with
    AddUserPoolClientSecret / DeleteUserPoolClientSecret, which this server does not
    implement; locally, rotating means a new client.)
    """
    given = {k: copy.deepcopy(v) for k, v in body.items() if k not in _NOT_SETTINGS}
    kept = {"ClientName": config["ClientName"]} if "ClientName" in config else {}
    return _normalised({**client_defaults(), **kept, **given}, schema_names)
