"""The pool's attribute schema applied to what clients write: names, types, lengths, rules;
and the app client's ReadAttributes applied to what clients read.

The schema is the pool's ``SchemaAttributes`` (standard attributes with the pool's overrides,
then ``custom:`` ones), as CreateUserPool stored it. Messages follow Cognito's
"Attributes did not conform to the schema: <name>: <reason>" form.

Developer-only attributes (``DeveloperOnlyAttribute``, stored as ``dev:custom:<name>``) are an
administrator's to write: app clients only read them (under their ReadAttributes).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

from ...errors import InvalidParameterException, NotAuthorizedException
from .pool_settings import STANDARD_NAMES, standard_attributes
from .records import ClientRecord, PoolRecord

#: The standard OpenID Connect attributes every pool has (``sub`` is set by the server).
STANDARD_ATTRIBUTES = STANDARD_NAMES
#: Attributes only the server (or an admin) may write: verification flags and the sub.
SERVER_ATTRIBUTES = frozenset({"sub", "email_verified", "phone_number_verified"})
#: The name prefix of developer-only attributes (``dev:custom:<name>``).
DEVELOPER_PREFIX = "dev:"
UNAUTHORIZED_WRITE = "A client attempted to write unauthorized attribute"
SCHEMA_PREFIX = "Attributes did not conform to the schema: "


def schema(pool: PoolRecord) -> dict[str, dict[str, Any]]:
    """The pool's attribute definitions by name (the standard ones if none are stored)."""
    stored = pool.config.get("SchemaAttributes") or standard_attributes()
    return {str(item["Name"]): item for item in stored}


def schema_error(name: str, reason: str) -> InvalidParameterException:
    """Cognito's schema error for one attribute."""
    return InvalidParameterException(f"{SCHEMA_PREFIX}{name}: {reason}")


def definition(pool: PoolRecord, name: str) -> dict[str, Any]:
    """The schema entry of ``name``; InvalidParameterException if the pool has none."""
    found = schema(pool).get(name)
    if found is None:
        raise schema_error(name, "Attribute does not exist in the schema.")
    return found


def _check_client_may_write(client: ClientRecord | None, name: str) -> None:
    allowed = None if client is None else client.config.get("WriteAttributes")
    if allowed and name not in allowed:
        raise NotAuthorizedException(UNAUTHORIZED_WRITE)


def _bounds(constraints: Mapping[str, Any], low: str, high: str) -> tuple[float, float]:
    def number(key: str, default: float) -> float:
        try:
            return float(constraints.get(key, default))
        except (TypeError, ValueError):
            return default

    return number(low, float("-inf")), number(high, float("inf"))


def _check_string(name: str, value: str, item: Mapping[str, Any]) -> None:
    low, high = _bounds(item.get("StringAttributeConstraints") or {}, "MinLength", "MaxLength")
    high = min(high, 2048.0)
    if len(value) > high:
        raise schema_error(name, f"String must be no longer than {int(high)} characters")
    if len(value) < low:
        raise schema_error(name, f"String must be no shorter than {int(low)} characters")


def _check_number(name: str, value: str, item: Mapping[str, Any]) -> None:
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        raise schema_error(name, "Number must be a number")
    low, high = _bounds(item.get("NumberAttributeConstraints") or {}, "MinValue", "MaxValue")
    if number < low:
        raise schema_error(name, f"Number must be no less than {low:g}")
    if number > high:
        raise schema_error(name, f"Number must be no greater than {high:g}")


def check_value(name: str, value: str, item: Mapping[str, Any]) -> None:
    """The value fits the attribute's data type and constraints (an empty value always does)."""
    if value == "":
        return
    kind = item.get("AttributeDataType", "String")
    if kind == "String":
        _check_string(name, value, item)
    elif kind == "Number":
        _check_number(name, value, item)
    elif kind == "Boolean" and value not in ("true", "false"):
        raise schema_error(name, "Boolean must be true or false")


def validate_write(
    pool: PoolRecord,
    items: Iterable[Mapping[str, Any]],
    *,
    client: ClientRecord | None = None,
    admin: bool = False,
) -> dict[str, str]:
    """A client's ``[{Name, Value}]`` list, checked against the schema, as a dict.

    Raises:
        InvalidParameterException: unknown attribute, or a value breaking its constraints.
        NotAuthorizedException: a server-managed or developer-only attribute (not for
            ``admin``), or one the app client's WriteAttributes leave out.
    """
    result: dict[str, str] = {}
    for item in items:
        name, value = str(item["Name"]), str(item.get("Value") or "")
        if not admin and (name in SERVER_ATTRIBUTES or name.startswith(DEVELOPER_PREFIX)):
            raise NotAuthorizedException(UNAUTHORIZED_WRITE)
        entry = definition(pool, name)
        _check_client_may_write(client, name)
        check_value(name, value, entry)
        result[name] = value
    return result


def readable(client: ClientRecord | None, values: Mapping[str, str]) -> dict[str, str]:
    """The attributes in ``values`` the app client may read (GetUser, its ID tokens...).

    Those its ReadAttributes list, or all of them when it lists none; ``sub`` always.
    ``email_verified`` / ``phone_number_verified`` are attributes like the others: a
    ReadAttributes list must name them. Developer-only (``dev:``) attributes are read-only to
    app clients (Cognito's API reference), not hidden: they follow the same rule. Runs on
    every sign-in (ID token claims): a pass over the user's attributes, nothing more.
    """
    allowed = None if client is None else client.config.get("ReadAttributes")
    if not allowed:
        return dict(values)
    names = frozenset(allowed)
    return {k: v for k, v in values.items() if k == "sub" or k in names}


def check_required(pool: PoolRecord, attributes: Mapping[str, str]) -> None:
    """Every attribute the schema marks Required has a value (``sub`` is the server's)."""
    for name, item in schema(pool).items():
        if item.get("Required") and name != "sub" and not attributes.get(name):
            raise schema_error(name, "The attribute is required")


def check_mutable(pool: PoolRecord, names: Iterable[str]) -> None:
    """Immutable attributes are set once, at sign-up or creation, never after."""
    for name in names:
        if not definition(pool, name).get("Mutable", True):
            raise InvalidParameterException(f"{name}: Attribute cannot be updated.")


def check_update(pool: PoolRecord, values: Mapping[str, str]) -> None:
    """UpdateUserAttributes' values may be written: mutable, and required ones not emptied."""
    check_mutable(pool, values)
    for name, value in values.items():
        if value == "" and definition(pool, name).get("Required"):
            raise schema_error(name, "The attribute is required")


def check_deletable(pool: PoolRecord, names: Iterable[str]) -> None:
    """The attributes exist, may be written, and are not required."""
    for name in names:
        if name in SERVER_ATTRIBUTES:
            raise NotAuthorizedException(UNAUTHORIZED_WRITE)
        if definition(pool, name).get("Required"):
            raise schema_error(name, "The attribute is required")
    check_mutable(pool, names)
