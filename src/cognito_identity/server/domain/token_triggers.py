"""PreTokenGeneration: the pool's trigger reshapes the claims of the tokens about to be signed.

Configured as ``LambdaConfig.PreTokenGeneration`` (a V1_0 event) or
``LambdaConfig.PreTokenGenerationConfig {LambdaArn, LambdaVersion}`` (``V2_0``/``V3_0``: the
V2 event, which can also change the access token and its scopes). Responses:

* V1: ``claimsOverrideDetails {claimsToAddOrOverride, claimsToSuppress, groupOverrideDetails
  {groupsToOverride, iamRolesToOverride, preferredRole}}``: the ID token's claims, and the
  groups (``cognito:groups`` in both tokens);
* V2: ``claimsAndScopeOverrideDetails {idTokenGeneration {claimsToAddOrOverride,
  claimsToSuppress}, accessTokenGeneration {claimsToAddOrOverride, claimsToSuppress,
  scopesToAdd, scopesToSuppress}, groupOverrideDetails}``.

Claims the tokens' meaning rests on (``iss``, ``sub``, ``aud``, ``exp``, ``token_use``...) can't
be changed, as in Cognito: such entries are ignored (and logged), the rest applies.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from ...errors import InvalidLambdaResponseException
from ..ops import OpContext
from . import triggers
from .records import PoolRecord
from .trigger_events import client_metadata
from .users import UserRecord

logger = logging.getLogger("cognito_identity.server.triggers")

TRIGGER = "PreTokenGeneration"
GROUPS, ROLES, PREFERRED_ROLE = "cognito:groups", "cognito:roles", "cognito:preferred_role"
_COMMON_PROTECTED = frozenset(
    {
        "acr", "amr", "at_hash", "auth_time", "azp", "exp", "iat", "identities", "iss", "jti",
        "nbf", "nonce", "origin_jti", "sub", "token_use", "event_id", GROUPS, ROLES,
        PREFERRED_ROLE,
    }
)  # fmt: skip
ID_PROTECTED = _COMMON_PROTECTED | {"aud", "cognito:username"}
ACCESS_PROTECTED = _COMMON_PROTECTED | {"client_id", "scope", "username", "device_key", "version"}
_REFRESH_FLOWS = frozenset({"REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"})
_CHALLENGE_SOURCES = {
    "NEW_PASSWORD_REQUIRED": "NewPasswordChallenge",
    "DEVICE_PASSWORD_VERIFIER": "AuthenticateDevice",
}


def _settings(pool: PoolRecord) -> tuple[str | None, str]:
    """(ARN, version) of the pool's trigger: the V2 config wins over the plain ARN."""
    config = pool.config.get("LambdaConfig") or {}
    detailed = config.get("PreTokenGenerationConfig") or {}
    arn = detailed.get("LambdaArn") or config.get("PreTokenGeneration")
    return (str(arn) if arn else None), str(detailed.get("LambdaVersion") or "V1_0")


def source(ctx: OpContext) -> str:
    """The triggerSource for the tokens this request mints."""
    if ctx.operation == "GetTokensFromRefreshToken" or ctx.body.get("AuthFlow") in _REFRESH_FLOWS:
        return "TokenGeneration_RefreshTokens"
    suffix = _CHALLENGE_SOURCES.get(str(ctx.body.get("ChallengeName")), "Authentication")
    return f"TokenGeneration_{suffix}"


def customize(
    ctx: OpContext,
    pool: PoolRecord,
    user: UserRecord,
    client_id: str,
    id_claims: dict[str, Any],
    access_claims: dict[str, Any],
) -> None:
    """Run the pool's PreTokenGeneration (if any) and apply its answer to both claim sets."""
    arn, version = _settings(pool)
    if arn is None:
        return
    v2 = version != "V1_0"
    sent = _event(ctx, pool, user, client_id, id_claims, access_claims, v2)
    response = triggers.run_arn(TRIGGER, arn, sent)
    if v2:
        _apply_v2(response.get("claimsAndScopeOverrideDetails"), id_claims, access_claims)
    else:
        _apply_v1(response.get("claimsOverrideDetails"), id_claims, access_claims)


def _event(
    ctx: OpContext,
    pool: PoolRecord,
    user: UserRecord,
    client_id: str,
    id_claims: Mapping[str, Any],
    access_claims: Mapping[str, Any],
    v2: bool,
) -> dict[str, Any]:
    request: dict[str, Any] = {
        "userAttributes": dict(user.attributes),
        "groupConfiguration": {
            "groupsToOverride": list(id_claims.get(GROUPS) or []),
            "iamRolesToOverride": list(id_claims.get(ROLES) or []),
            "preferredRole": id_claims.get(PREFERRED_ROLE),
        },
        "clientMetadata": client_metadata(ctx),
    }
    if v2:
        request["scopes"] = str(access_claims.get("scope", "")).split()
    key = "claimsAndScopeOverrideDetails" if v2 else "claimsOverrideDetails"
    sent = triggers.event(ctx, pool, user, client_id, source(ctx), request, {key: None})
    sent["version"] = "2" if v2 else triggers.EVENT_VERSION
    return sent


def _mapping(value: Any, what: str) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise InvalidLambdaResponseException(f"Invalid {TRIGGER} response: {what} is not a map")
    return value


def _names(value: Any, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise InvalidLambdaResponseException(f"Invalid {TRIGGER} response: {what} is not a list")
    return list(value)


def _change_claims(
    claims: dict[str, Any], details: Mapping[str, Any], protected: frozenset[str]
) -> None:
    """claimsToAddOrOverride, then claimsToSuppress (a claim both set and suppressed goes)."""
    added = _mapping(details.get("claimsToAddOrOverride"), "claimsToAddOrOverride")
    suppressed = _names(details.get("claimsToSuppress"), "claimsToSuppress")
    refused = sorted((set(added) | set(suppressed)) & protected)
    if refused:
        logger.warning("%s may not change protected claims %s: ignored", TRIGGER, refused)
    claims.update({k: v for k, v in added.items() if k not in protected})
    for name in suppressed:
        if name not in protected:
            claims.pop(name, None)


def _override_groups(
    details: Mapping[str, Any], id_claims: dict[str, Any], access_claims: dict[str, Any]
) -> None:
    groups = _mapping(details.get("groupOverrideDetails"), "groupOverrideDetails")
    if "groupsToOverride" in groups and groups["groupsToOverride"] is not None:
        chosen = _names(groups["groupsToOverride"], "groupsToOverride")
        for claims in (id_claims, access_claims):
            _set_or_drop(claims, GROUPS, chosen)
    if "iamRolesToOverride" in groups and groups["iamRolesToOverride"] is not None:
        _set_or_drop(id_claims, ROLES, _names(groups["iamRolesToOverride"], "iamRolesToOverride"))
    if groups.get("preferredRole") is not None:
        id_claims[PREFERRED_ROLE] = str(groups["preferredRole"])


def _set_or_drop(claims: dict[str, Any], name: str, values: list[str]) -> None:
    # Cognito leaves an empty group list out of the token rather than writing [].
    if values:
        claims[name] = values
    else:
        claims.pop(name, None)


def _apply_v1(details: Any, id_claims: dict[str, Any], access_claims: dict[str, Any]) -> None:
    found = _mapping(details, "claimsOverrideDetails")
    _change_claims(id_claims, found, ID_PROTECTED)
    _override_groups(found, id_claims, access_claims)


def _apply_v2(details: Any, id_claims: dict[str, Any], access_claims: dict[str, Any]) -> None:
    found = _mapping(details, "claimsAndScopeOverrideDetails")
    _change_claims(
        id_claims, _mapping(found.get("idTokenGeneration"), "idTokenGeneration"), ID_PROTECTED
    )
    access = _mapping(found.get("accessTokenGeneration"), "accessTokenGeneration")
    _change_claims(access_claims, access, ACCESS_PROTECTED)
    _change_scopes(access_claims, access)
    _override_groups(found, id_claims, access_claims)


def _change_scopes(access_claims: dict[str, Any], access: Mapping[str, Any]) -> None:
    scopes = str(access_claims.get("scope", "")).split()
    added = [s for s in _names(access.get("scopesToAdd"), "scopesToAdd") if s not in scopes]
    dropped = set(_names(access.get("scopesToSuppress"), "scopesToSuppress"))
    kept = [s for s in [*scopes, *added] if s not in dropped]
    if kept:
        access_claims["scope"] = " ".join(kept)
    else:
        access_claims.pop("scope", None)
