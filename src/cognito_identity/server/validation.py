"""Request validation against botocore's ``cognito-idp`` model, worded as Cognito words it.

The identity pool service (``cognito-identity``) is validated the same way against its own
model: pass ``service=IDENTITY_SERVICE``.

Two kinds of failure, as AWS's JSON services report them:

* a value of the wrong JSON type (a string where a number goes, a list for a structure) is a
  ``SerializationException`` and stops at the first one;
* constraint failures (missing required members, length, range, enum, pattern) are collected
  into one ``InvalidParameterException``::

      2 validation errors detected: Value null at 'clientId' failed to satisfy constraint:
      Member must not be null; Value '' at 'username' failed to satisfy constraint: ...

Member paths are lowerCamelCase (``userPoolId``), list items ``userAttributes.1.member.name``
(1-based), map entries ``clientMetadata.<key>``. Values of members the model marks
``sensitive`` (passwords, AuthParameters, ClientId) and everything inside them print as
``'***'``. Members the model does not know are ignored. One checker is compiled per shape, on
first use, and cached: validating a login request costs a few microseconds.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any

import botocore.session
from botocore.model import ServiceModel, Shape

from ..errors import InvalidParameterException, SerializationException
from .javaregex import compile_java

SERVICE = "cognito-idp"
IDENTITY_SERVICE = "cognito-identity"
SECRET = "'***'"

# Checks ``value`` found at ``path``, appending constraint messages to ``errors``.
Check = Callable[[Any, str, list[str]], None]


@functools.cache
def service_model(service: str = SERVICE) -> ServiceModel:
    """botocore's model of ``service`` (``cognito-idp``; loaded once per process)."""
    return botocore.session.get_session().get_service_model(service)


@functools.cache
def operation_names(service: str = SERVICE) -> frozenset[str]:
    """Every operation the model defines."""
    return frozenset(service_model(service).operation_names)


def has_operation(name: str, service: str = SERVICE) -> bool:
    """Whether ``name`` is an operation of the real service."""
    return name in operation_names(service)


def validate(operation: str, body: dict[str, Any], service: str = SERVICE) -> None:
    """Check ``body`` against the input shape of ``operation`` of ``service``.

    Raises:
        SerializationException: a member has the wrong JSON type.
        InvalidParameterException: constraint failures, all of them in one message.
    """
    errors: list[str] = []
    _operation_check(operation, service)(body, "", errors)
    if errors:
        raise InvalidParameterException(summary(errors))


def summary(errors: list[str]) -> str:
    """``"1 validation error detected: ..."`` / ``"N validation errors detected: a; b"``."""
    plural = "s" if len(errors) > 1 else ""
    return f"{len(errors)} validation error{plural} detected: " + "; ".join(errors)


_compile_lock = threading.Lock()
_operation_checks: dict[tuple[str, str], Check] = {}


def _operation_check(operation: str, service: str = SERVICE) -> Check:
    check = _operation_checks.get((service, operation))
    if check is None:
        with _compile_lock:
            shape = service_model(service).operation_model(operation).input_shape
            # One compiler per service: shape names are only unique within a model.
            compiler = _compilers.setdefault(service, _Compiler())
            check = compiler.check(shape, False) if shape is not None else _accept
            _operation_checks[(service, operation)] = check
    return check


def _accept(_value: Any, _path: str, _errors: list[str]) -> None:
    """The check of a shape without constraints (``document``) or of an empty input."""


def show(value: Any, sensitive: bool) -> str:
    """A value as Cognito echoes it: quoted (``'abc'``, ``'[a, b]'``), or ``'***'``."""
    if sensitive:
        return SECRET
    return f"'{_java_text(value)}'"


def _java_text(value: Any) -> str:
    # Java's toString of the deserialized value, which is what Coral prints.
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_java_text(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}={_java_text(v)}" for k, v in value.items()) + "}"
    return str(value)


def failed(value_text: str, path: str, constraint: str) -> str:
    """One constraint message: ``Value <v> at '<path>' failed to satisfy constraint: <c>``."""
    return f"Value {value_text} at '{path}' failed to satisfy constraint: {constraint}"


# -- type errors -------------------------------------------------------------------------------

_TARGETS = {
    "string": "a String",
    "integer": "an Integer",
    "long": "a Long",
    "boolean": "a Boolean",
    "timestamp": "a Date",
    "blob": "a ByteBuffer",
    "structure": "a Structure",
    "list": "a List",
    "map": "a Map",
}


def type_error(value: Any, type_name: str, path: str) -> SerializationException:
    """The SerializationException for ``value`` where a ``type_name`` belongs (no value echo)."""
    if isinstance(value, dict):
        message = "Start of structure or map found where not expected."
    elif isinstance(value, list):
        message = "Start of list found where not expected."
    else:
        kind = (
            "BOOLEAN_VALUE"
            if isinstance(value, bool)
            else "STRING_VALUE"
            if isinstance(value, str)
            else "NUMBER_VALUE"
        )
        message = f"{kind} can not be converted to {_TARGETS.get(type_name, type_name)}"
    return SerializationException(f"{message} (at '{path or 'body'}')")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


# -- constraint helpers ------------------------------------------------------------------------


def _bounds_check(shape: Shape, what: str) -> Callable[[float, Any, str, list[str], bool], None]:
    """Min/max check on a size (``what`` = ``"length"``) or a value (``"value"``)."""
    low, high = shape.metadata.get("min"), shape.metadata.get("max")
    below = f"Member must have {what} greater than or equal to {low}"
    above = f"Member must have {what} less than or equal to {high}"

    def check(size: float, value: Any, path: str, errors: list[str], sensitive: bool) -> None:
        if low is not None and size < low:
            errors.append(failed(show(value, sensitive), path, below))
        if high is not None and size > high:
            errors.append(failed(show(value, sensitive), path, above))

    return check


class _Compiler:
    """Builds (and caches) one :data:`Check` closure per (shape, sensitive) pair."""

    def __init__(self) -> None:
        self._cache: dict[tuple[str, bool], Check] = {}

    def check(self, shape: Shape, sensitive: bool) -> Check:
        """The check for ``shape``; ``sensitive`` hides values (inherited by members)."""
        sensitive = sensitive or bool(shape.metadata.get("sensitive"))
        key = (shape.name, sensitive)
        found = self._cache.get(key)
        if found is None:
            # A placeholder first, so a recursive shape refers to itself through it.
            slot: list[Check] = []
            self._cache[key] = lambda value, path, errors: slot[0](value, path, errors)
            found = self._build(shape, sensitive)
            slot.append(found)
            self._cache[key] = found
        return found

    def _build(self, shape: Shape, sensitive: bool) -> Check:
        builder = {
            "structure": self._structure,
            "list": self._list,
            "map": self._map,
            "string": _string,
            "integer": _number,
            "long": _number,
            "boolean": _boolean,
            "timestamp": _timestamp,
            "blob": _blob,
        }.get(shape.type_name)
        return _accept if builder is None else builder(shape, sensitive)

    def _structure(self, shape: Shape, sensitive: bool) -> Check:
        required = set(shape.required_members)
        members = [
            (name, name[:1].lower() + name[1:], self.check(member, sensitive), name in required)
            for name, member in shape.members.items()
        ]

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, dict):
                raise type_error(value, "structure", path)
            for name, label, member_check, is_required in members:
                where = f"{path}.{label}" if path else label
                item = value.get(name)
                if item is not None:
                    member_check(item, where, errors)
                elif is_required:
                    errors.append(failed("null", where, "Member must not be null"))

        return check

    def _list(self, shape: Shape, sensitive: bool) -> Check:
        item_check = self.check(shape.member, sensitive)
        bounds = _bounds_check(shape, "length")

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, list):
                raise type_error(value, "list", path)
            bounds(len(value), value, path, errors, sensitive)
            for index, item in enumerate(value, 1):
                where = f"{path}.{index}.member"
                # A null element would reach handlers that iterate the list: refuse it here.
                if item is None:
                    errors.append(failed("null", where, "Member must not be null"))
                else:
                    item_check(item, where, errors)

        return check

    def _map(self, shape: Shape, sensitive: bool) -> Check:
        key_check = self.check(shape.key, sensitive)
        value_check = self.check(shape.value, sensitive)
        bounds = _bounds_check(shape, "length")

        def check(value: Any, path: str, errors: list[str]) -> None:
            if not isinstance(value, dict):
                raise type_error(value, "map", path)
            bounds(len(value), value, path, errors, sensitive)
            # Clients send null map values and Cognito takes them as absent: the JS SDK's retry
            # after "device does not exist" carries "DEVICE_KEY": null. Drop them here so no
            # handler ever sees a None value.
            for key in [key for key, item in value.items() if item is None]:
                del value[key]
            for key, item in value.items():
                key_check(key, path, errors)
                value_check(item, f"{path}.{key}", errors)

        return check


def _string(shape: Shape, sensitive: bool) -> Check:
    bounds = _bounds_check(shape, "length")
    enum = shape.metadata.get("enum")
    enum_set = frozenset(enum or ())
    enum_text = f"Member must satisfy enum value set: [{', '.join(enum or ())}]"
    pattern_text = shape.metadata.get("pattern")
    regex = compile_java(pattern_text) if pattern_text else None
    pattern_message = f"Member must satisfy regular expression pattern: {pattern_text}"

    def check(value: Any, path: str, errors: list[str]) -> None:
        if not isinstance(value, str):
            raise type_error(value, "string", path)
        bounds(len(value), value, path, errors, sensitive)
        if enum_set and value not in enum_set:
            errors.append(failed(show(value, sensitive), path, enum_text))
        if regex is not None and regex.fullmatch(value) is None:
            errors.append(failed(show(value, sensitive), path, pattern_message))

    return check


def _number(shape: Shape, sensitive: bool) -> Check:
    bounds = _bounds_check(shape, "value")

    def check(value: Any, path: str, errors: list[str]) -> None:
        if not _is_number(value):
            raise type_error(value, shape.type_name, path)
        bounds(value, value, path, errors, sensitive)

    return check


def _boolean(_shape: Shape, _sensitive: bool) -> Check:
    def check(value: Any, path: str, _errors: list[str]) -> None:
        if not isinstance(value, bool):
            raise type_error(value, "boolean", path)

    return check


def _timestamp(_shape: Shape, _sensitive: bool) -> Check:
    # botocore sends epoch seconds; ISO-8601 strings are accepted too, as AWS does.
    def check(value: Any, path: str, _errors: list[str]) -> None:
        if not (_is_number(value) or isinstance(value, str)):
            raise type_error(value, "timestamp", path)

    return check


def _blob(_shape: Shape, _sensitive: bool) -> Check:
    # Blobs travel as base64 text in JSON 1.1.
    def check(value: Any, path: str, _errors: list[str]) -> None:
        if not isinstance(value, str):
            raise type_error(value, "blob", path)

    return check


_compilers: dict[str, _Compiler] = {}
