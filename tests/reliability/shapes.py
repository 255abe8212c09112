"""Hypothesis strategies for request bodies, derived from botocore's input shapes.

Two kinds of bodies, mixed:

* **well-formed** (three in four): every member has its shape's type, strings are plain
  alphanumerics within the length limits, numbers within range, and members named in
  ``known`` (``UserPoolId``, ``ClientId``, ``Username``, ``AccessToken``...) mostly take real
  values, so requests get past validation and "not found" into each operation's own rules;
* **hostile**: any value may be arbitrary JSON, required members may be missing, unknown
  members appear, strings break their limits.
"""

from __future__ import annotations

import base64
import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from botocore.model import Shape
from hypothesis import strategies as st

MAX_DEPTH = 5
Strategy = st.SearchStrategy[Any]
_PLAIN = string.ascii_letters + string.digits

_LEAF: Strategy = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=24),
)
ANY_JSON: Strategy = st.recursive(
    _LEAF,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)


def body_strategy(shape: Shape | None, known: Mapping[str, Sequence[Any]]) -> Strategy:
    """Request bodies for an operation whose input shape is ``shape`` (None: no input)."""
    if shape is None:
        return st.one_of(st.just({}), st.dictionaries(st.text(max_size=8), ANY_JSON, max_size=3))
    good = Bodies(known, hostile=False).structure(shape, 0)
    bad = Bodies(known, hostile=True).structure(shape, 0)
    return st.one_of(good, good, good, bad)


@dataclass(frozen=True)
class Bodies:
    """Strategies for the values of one shape tree, well-formed or hostile."""

    known: Mapping[str, Sequence[Any]]
    hostile: bool

    def value(self, shape: Shape, depth: int, name: str = "") -> Strategy:
        typed = self.typed(shape, depth)
        choices = [typed, typed, typed, ANY_JSON] if self.hostile else [typed]
        if name in self.known:  # first: Hypothesis starts from (and shrinks to) early branches
            real = st.sampled_from(list(self.known[name]))
            choices = [real] * (2 if self.hostile else 4) + choices
        return st.one_of(*choices)

    def typed(self, shape: Shape, depth: int) -> Strategy:
        kind = shape.type_name
        if kind == "structure":
            return self.structure(shape, depth + 1)
        if kind == "list":
            member = self.value(shape.member, depth + 1)  # type: ignore[attr-defined]
            return st.just([]) if depth >= MAX_DEPTH else st.lists(member, max_size=3)
        if kind == "map":
            keys = self.string(shape.key)  # type: ignore[attr-defined]
            values = self.value(shape.value, depth + 1)  # type: ignore[attr-defined]
            return st.just({}) if depth >= MAX_DEPTH else st.dictionaries(keys, values, max_size=3)
        return self.scalar(shape)

    def scalar(self, shape: Shape) -> Strategy:
        kind = shape.type_name
        if kind == "string":
            return self.string(shape)
        if kind in ("integer", "long"):
            return self.integer(shape)
        if kind == "boolean":
            return st.booleans()
        if kind in ("double", "float"):
            return st.floats(allow_nan=False, allow_infinity=False)
        if kind == "timestamp":
            return st.integers(min_value=0, max_value=2**33)
        if kind == "blob":
            return st.binary(max_size=48).map(lambda raw: base64.b64encode(raw).decode())
        return ANY_JSON

    def integer(self, shape: Shape) -> Strategy:
        if self.hostile:
            return st.integers(min_value=-(2**64), max_value=2**64)
        low = int(shape.metadata.get("min", 0))
        return st.integers(min_value=low, max_value=int(shape.metadata.get("max", low + 1000)))

    def string(self, shape: Shape) -> Strategy:
        enum = list(getattr(shape, "enum", None) or [])
        limit = int(shape.metadata.get("max", 64))
        if self.hostile:
            plain = st.text(max_size=min(limit, 64))
            too_long = st.text(min_size=limit + 1, max_size=limit + 8) if limit < 300 else plain
            return st.one_of(plain, too_long, *([st.sampled_from(enum)] if enum else []))
        if enum:
            return st.sampled_from(enum)
        low = int(shape.metadata.get("min", 1))
        return st.text(_PLAIN, min_size=max(1, low), max_size=max(1, low, min(limit, 24)))

    def structure(self, shape: Shape, depth: int) -> Strategy:
        if depth > MAX_DEPTH:
            return st.just({})
        members = shape.members  # type: ignore[attr-defined]
        required = set(shape.required_members)  # type: ignore[attr-defined]
        values = {name: self.value(member, depth, name) for name, member in members.items()}
        optional = {name: values[name] for name in members if name not in required}
        complete = st.fixed_dictionaries(
            {name: values[name] for name in required}, optional=optional
        )
        if not self.hostile:
            return complete
        anything_goes = st.fixed_dictionaries({}, optional=values)
        extra = st.dictionaries(st.text(min_size=1, max_size=12), ANY_JSON, max_size=2)
        with_extra = st.tuples(complete, extra).map(lambda pair: {**pair[1], **pair[0]})
        return st.one_of(complete, anything_goes, with_extra)
