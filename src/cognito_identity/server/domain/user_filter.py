"""ListUsers' ``Filter``: ``attribute = "value"`` (exact) or ``attribute ^= "value"`` (prefix).

Cognito searches one attribute at a time, only among these: ``username``, ``email``,
``phone_number``, ``name``, ``given_name``, ``family_name``, ``preferred_username``,
``cognito:user_status`` (the UserStatus), ``status`` (``Enabled`` / ``Disabled``) and ``sub``.
The value is double-quoted; a quote inside it is escaped with a backslash. An empty filter lists
every user. Anything else is "Error while parsing filter." (Cognito's words).

Case: ``username`` follows the pool's ``UsernameConfiguration.CaseSensitive`` and ``email`` is
matched without case (both are how sign-in looks users up); the other attributes match exactly.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ...errors import InvalidParameterException
from . import aliases
from .records import PoolRecord
from .users import UserRecord

PARSE_ERROR = "Error while parsing filter."
SEARCHABLE = frozenset(
    {
        "username",
        "email",
        "phone_number",
        "name",
        "given_name",
        "family_name",
        "preferred_username",
        "cognito:user_status",
        "status",
        "sub",
    }
)
_FILTER = re.compile(
    r'\s*(?P<name>[\w:.-]+)\s*(?P<op>\^=|=)\s*"(?P<value>(?:[^"\\]|\\.)*)"\s*', re.DOTALL
)
_ESCAPE = re.compile(r"\\(.)", re.DOTALL)

Predicate = Callable[[UserRecord], bool]


@dataclass(frozen=True)
class Filter:
    """One parsed filter: the attribute, exact (``=``) or prefix (``^=``), and the value."""

    name: str
    prefix: bool
    value: str


def parse(text: str | None) -> Filter | None:
    """The filter, or None for an empty one.

    Raises:
        InvalidParameterException: not of the form ``name = "value"`` / ``name ^= "value"``,
            or an attribute Cognito can't search.
    """
    if text is None or not text.strip():
        return None
    match = _FILTER.fullmatch(text)
    if match is None or match["name"] not in SEARCHABLE:
        raise InvalidParameterException(PARSE_ERROR)
    value = _ESCAPE.sub(lambda escaped: escaped.group(1), match["value"])
    return Filter(match["name"], match["op"] == "^=", value)


def _field(user: UserRecord, name: str) -> str | None:
    """The user's value for a searchable name (the implicit ones come from the row)."""
    if name == "username":
        return user.username
    if name == "cognito:user_status":
        return user.status
    if name == "status":
        return "Enabled" if user.enabled else "Disabled"
    if name == "sub":
        return user.sub
    return user.attributes.get(name)


def _folder(pool: PoolRecord, name: str) -> Callable[[str], str]:
    if name == "username":
        return lambda text: aliases.fold(pool, text)
    if name == "email":
        return str.lower
    return lambda text: text


def predicate(pool: PoolRecord, given: Filter | None) -> Predicate:
    """Whether a user passes the filter (every user does when there is none)."""
    if given is None:
        return lambda _user: True
    fold = _folder(pool, given.name)
    wanted = fold(given.value)

    def matches(user: UserRecord) -> bool:
        value = _field(user, given.name)
        if value is None:
            return False
        folded = fold(value)
        return folded.startswith(wanted) if given.prefix else folded == wanted

    return matches
