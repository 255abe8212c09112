"""User attributes as the pool sends and takes them: ``{"Name": ..., "Value": ...}``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, TypeAlias


@dataclass
class CognitoUserAttribute:
    """One user attribute, such as ``email`` or ``custom:team``.

    Example::

        CognitoUserAttribute("email", "alice@example.com").to_dict()
        # {'Name': 'email', 'Value': 'alice@example.com'}
    """

    name: str = ""
    value: str = ""

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CognitoUserAttribute:
        """Build one from the wire shape ``{"Name": ..., "Value": ...}`` (missing parts: ``""``)."""
        return cls(str(data.get("Name") or ""), str(data.get("Value") or ""))

    def to_dict(self) -> dict[str, str]:
        """The wire shape ``{"Name": ..., "Value": ...}`` (JS ``toJSON``)."""
        return {"Name": self.name, "Value": self.value}

    def to_json(self) -> str:
        """The wire shape as a JSON string (JS ``toString``)."""
        return json.dumps(self.to_dict())

    def get_name(self) -> str:
        """The attribute's name."""
        return self.name

    def set_name(self, name: str) -> CognitoUserAttribute:
        """Set the name; returns ``self`` so calls chain, as in JS."""
        self.name = name
        return self

    def get_value(self) -> str:
        """The attribute's value."""
        return self.value

    def set_value(self, value: str) -> CognitoUserAttribute:
        """Set the value; returns ``self`` so calls chain, as in JS."""
        self.value = value
        return self


#: What sign-up (and later attribute updates) accept: a ``{name: value}`` dict, or a list of
#: :class:`CognitoUserAttribute` (or of wire-shaped ``{"Name": ..., "Value": ...}`` dicts).
AttributesInput: TypeAlias = Iterable[CognitoUserAttribute | Mapping[str, str]] | Mapping[str, str]


def attributes_to_wire(attributes: AttributesInput | None) -> list[dict[str, str]] | None:
    """The wire list for a list of :class:`CognitoUserAttribute` or a ``{name: value}`` dict.

    Raises:
        TypeError: an item is neither an attribute nor a ``{"Name", "Value"}`` mapping.
    """
    if attributes is None:
        return None
    if isinstance(attributes, Mapping):
        return [{"Name": str(name), "Value": str(value)} for name, value in attributes.items()]
    return [_one_to_wire(item) for item in attributes]


def _one_to_wire(item: Any) -> dict[str, str]:
    if isinstance(item, CognitoUserAttribute):
        return item.to_dict()
    if isinstance(item, Mapping) and "Name" in item:
        return CognitoUserAttribute.from_dict(item).to_dict()
    raise TypeError(f"expected a CognitoUserAttribute, got {type(item).__name__}")
