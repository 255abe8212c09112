"""A user pool's settings in their wire shape (``UserPoolType``), with Cognito's defaults.

CreateUserPool stores what :func:`new_pool_config` returns; DescribeUserPool returns it plus
the dates and the user count. Other code reads settings from ``PoolRecord.config`` with the
wire names (``config["Policies"]["PasswordPolicy"]["MinimumLength"]``): every default below is
filled in, so readers need no fallbacks for these keys.
"""

from __future__ import annotations

import copy
from typing import Any

from ...errors import InvalidParameterException

ACCOUNT_ID = "000000000000"

DEFAULT_PASSWORD_POLICY: dict[str, Any] = {
    "MinimumLength": 8,
    "RequireUppercase": True,
    "RequireLowercase": True,
    "RequireNumbers": True,
    "RequireSymbols": True,
    "TemporaryPasswordValidityDays": 7,
}


def _string_attribute(
    name: str,
    *,
    mutable: bool = True,
    required: bool = False,
    min_len: int = 0,
    max_len: int = 2048,
) -> dict[str, Any]:
    return {
        "Name": name,
        "AttributeDataType": "String",
        "DeveloperOnlyAttribute": False,
        "Mutable": mutable,
        "Required": required,
        "StringAttributeConstraints": {"MinLength": str(min_len), "MaxLength": str(max_len)},
    }


def _boolean_attribute(name: str) -> dict[str, Any]:
    return {
        "Name": name,
        "AttributeDataType": "Boolean",
        "DeveloperOnlyAttribute": False,
        "Mutable": True,
        "Required": False,
    }


def standard_attributes() -> list[dict[str, Any]]:
    """The standard (OpenID Connect) attributes every pool has, as DescribeUserPool lists them."""
    plain = ["name", "given_name", "family_name", "middle_name", "nickname"]
    plain += ["preferred_username", "profile", "picture", "website", "email"]
    return [
        _string_attribute("sub", mutable=False, required=True, min_len=1),
        *(_string_attribute(name) for name in plain),
        _boolean_attribute("email_verified"),
        _string_attribute("gender"),
        _string_attribute("birthdate", min_len=10, max_len=10),
        _string_attribute("zoneinfo"),
        _string_attribute("locale"),
        _string_attribute("phone_number"),
        _boolean_attribute("phone_number_verified"),
        _string_attribute("address"),
        {
            "Name": "updated_at",
            "AttributeDataType": "Number",
            "DeveloperOnlyAttribute": False,
            "Mutable": True,
            "Required": False,
            "NumberAttributeConstraints": {"MinValue": "0"},
        },
    ]


STANDARD_NAMES = frozenset(attr["Name"] for attr in standard_attributes())


def attribute_name(given: dict[str, Any]) -> str:
    """The ``Name`` of a ``SchemaAttributeType`` entry (optional in the model, not in Cognito)."""
    name = given.get("Name")
    if not isinstance(name, str) or not name:
        raise InvalidParameterException("Attribute name is required in a schema attribute.")
    return name


def _custom_attribute(given: dict[str, Any]) -> dict[str, Any]:
    """A request's custom attribute as stored: ``custom:`` (``dev:custom:``) prefixed."""
    name = attribute_name(given)
    if given.get("Required"):
        raise InvalidParameterException("Required custom attributes are not supported currently.")
    developer_only = bool(given.get("DeveloperOnlyAttribute", False))
    data_type = given.get("AttributeDataType", "String")
    attribute: dict[str, Any] = {
        "Name": ("dev:custom:" if developer_only else "custom:") + name,
        "AttributeDataType": data_type,
        "DeveloperOnlyAttribute": developer_only,
        "Mutable": bool(given.get("Mutable", True)),
        "Required": False,
    }
    if data_type == "String":
        attribute["StringAttributeConstraints"] = given.get("StringAttributeConstraints", {})
    if data_type == "Number":
        attribute["NumberAttributeConstraints"] = given.get("NumberAttributeConstraints", {})
    return attribute


def _override_standard(attribute: dict[str, Any], given: dict[str, Any]) -> None:
    """Apply a request's settings for a standard attribute (Required, Mutable, constraints)."""
    if attribute["Name"] == "sub":
        raise InvalidParameterException("sub cannot be modified.")
    kind = "String" if attribute["AttributeDataType"] == "String" else "Number"
    for key in ("Required", "Mutable", f"{kind}AttributeConstraints"):
        if key in given:
            attribute[key] = given[key]


def schema_attributes(requested: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The standard attributes (adjusted by the request) followed by the custom ones."""
    attributes = standard_attributes()
    by_name = {attr["Name"]: attr for attr in attributes}
    seen: set[str] = set()
    for given in requested:
        name = attribute_name(given)
        if name in seen:
            raise InvalidParameterException(f"Duplicate attribute name: {name}")
        seen.add(name)
        if name in STANDARD_NAMES:
            _override_standard(by_name[name], given)
        else:
            attributes.append(_custom_attribute(given))
    return attributes


def _check_sign_in_names(body: dict[str, Any]) -> None:
    if body.get("AliasAttributes") and body.get("UsernameAttributes"):
        raise InvalidParameterException(
            "Only one of the aliasAttributes or usernameAttributes can be set in a User Pool."
        )


def _sync_verification_messages(config: dict[str, Any]) -> None:
    """Keep legacy top-level messages and VerificationMessageTemplate in step, as Cognito does."""
    template = config.setdefault("VerificationMessageTemplate", {})
    template.setdefault("DefaultEmailOption", "CONFIRM_WITH_CODE")
    pairs = [
        ("SmsVerificationMessage", "SmsMessage"),
        ("EmailVerificationMessage", "EmailMessage"),
        ("EmailVerificationSubject", "EmailSubject"),
    ]
    for legacy, modern in pairs:
        if legacy in config:
            template.setdefault(modern, config[legacy])
        elif modern in template:
            config[legacy] = template[modern]


def _policies(given: dict[str, Any] | None) -> dict[str, Any]:
    policies = copy.deepcopy(given or {})
    policies["PasswordPolicy"] = {**DEFAULT_PASSWORD_POLICY, **policies.get("PasswordPolicy", {})}
    policies.setdefault("SignInPolicy", {"AllowedFirstAuthFactors": ["PASSWORD"]})
    return policies


def pool_defaults() -> dict[str, Any]:
    """Settings Cognito gives a pool when the request leaves them out."""
    return {
        "DeletionProtection": "INACTIVE",
        "LambdaConfig": {},
        "MfaConfiguration": "OFF",
        "UserAttributeUpdateSettings": {"AttributesRequireVerificationBeforeUpdate": []},
        "EmailConfiguration": {"EmailSendingAccount": "COGNITO_DEFAULT"},
        "UserPoolTags": {},
        "AdminCreateUserConfig": {
            "AllowAdminCreateUserOnly": False,
            "UnusedAccountValidityDays": 7,
        },
        "UsernameConfiguration": {"CaseSensitive": False},
        "AccountRecoverySetting": {
            "RecoveryMechanisms": [
                {"Priority": 1, "Name": "verified_email"},
                {"Priority": 2, "Name": "verified_phone_number"},
            ]
        },
        "UserPoolTier": "ESSENTIALS",
    }


def new_pool_config(body: dict[str, Any], pool_id: str, region: str) -> dict[str, Any]:
    """The stored ``UserPoolType`` for a validated CreateUserPool request."""
    _check_sign_in_names(body)
    given = copy.deepcopy(body)
    name = given.pop("PoolName")
    schema = given.pop("Schema", [])
    config: dict[str, Any] = {**pool_defaults(), **given}
    config.update(
        Id=pool_id,
        Name=name,
        Arn=f"arn:aws:cognito-idp:{region}:{ACCOUNT_ID}:userpool/{pool_id}",
        Policies=_policies(given.get("Policies")),
        SchemaAttributes=schema_attributes(schema),
    )
    _sync_verification_messages(config)
    return config


# UpdateUserPool members that are not settings.
_NOT_SETTINGS = frozenset({"UserPoolId", "PoolName"})
# What UpdateUserPool can't change: set at creation (or by other operations) and kept.
_KEPT = (
    "Id",
    "Name",
    "Arn",
    "SchemaAttributes",
    "UsernameAttributes",
    "AliasAttributes",
    "UsernameConfiguration",
    "Domain",
    "CustomDomain",
)


def updated_pool_config(config: dict[str, Any], body: dict[str, Any]) -> dict[str, Any]:
    """The pool's settings after a validated UpdateUserPool request, as Cognito makes them.

    Cognito does not merge: every updatable setting the request leaves out goes back to its
    default (an update that only names ``MfaConfiguration`` drops ``AutoVerifiedAttributes``,
    ``LambdaConfig``, message templates...). Read the pool first and send it all back to change
    one setting. What only CreateUserPool sets (schema, sign-in names, case) is kept.
    """
    given = {k: copy.deepcopy(v) for k, v in body.items() if k not in _NOT_SETTINGS}
    kept = {key: copy.deepcopy(config[key]) for key in _KEPT if key in config}
    updated: dict[str, Any] = {**pool_defaults(), **given, **kept}
    if "PoolName" in body:
        updated["Name"] = body["PoolName"]
    updated["Policies"] = _policies(body.get("Policies"))
    _sync_verification_messages(updated)
    return updated


def custom_attribute(given: dict[str, Any]) -> dict[str, Any]:
    """A ``SchemaAttributeType`` request entry as stored (AddCustomAttributes)."""
    return _custom_attribute(given)
