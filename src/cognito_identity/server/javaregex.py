"""Java regular expressions (as botocore's model writes them) translated for Python's ``re``.

The model's patterns come from Java services: ``\\p{L}``-style Unicode classes, which ``re``
lacks, and ASCII-only ``\\w``/``\\s``/``\\d``. We expand each ``\\p{..}`` into explicit code
point ranges built from :mod:`unicodedata` and compile with ``re.ASCII``. A pattern we cannot
translate yields ``None``: the caller skips that check rather than fail the request.
"""

from __future__ import annotations

import functools
import logging
import re
import sys
import unicodedata
import warnings

logger = logging.getLogger(__name__)

# One-letter Java/Unicode general categories and the two-letter ones they group.
MAJOR_CATEGORIES = {
    "L": ("Lu", "Ll", "Lt", "Lm", "Lo"),
    "M": ("Mn", "Mc", "Me"),
    "N": ("Nd", "Nl", "No"),
    "P": ("Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po"),
    "S": ("Sm", "Sc", "Sk", "So"),
    "Z": ("Zs", "Zl", "Zp"),
    "C": ("Cc", "Cf", "Cs", "Co", "Cn"),
}


class UntranslatableError(ValueError):
    """The pattern uses Java syntax this translator does not handle."""


@functools.cache
def _category_spans() -> dict[str, list[tuple[int, int]]]:
    # One pass over every code point (~0.3 s, once per process) gives each category's runs.
    spans: dict[str, list[tuple[int, int]]] = {}
    current, start = unicodedata.category("\0"), 0
    for code in range(1, sys.maxunicode + 1):
        category = unicodedata.category(chr(code))
        if category != current:
            spans.setdefault(current, []).append((start, code - 1))
            current, start = category, code
    spans.setdefault(current, []).append((start, sys.maxunicode))
    return spans


@functools.cache
def category_class(name: str) -> str:
    """The body of a character class (no brackets) matching Unicode category ``name``."""
    names = MAJOR_CATEGORIES.get(name, (name,))
    table = _category_spans()
    if any(len(n) != 2 or n[0] not in MAJOR_CATEGORIES for n in names):
        raise UntranslatableError(f"unknown property \\p{{{name}}}")
    runs = sorted(run for n in names for run in table.get(n, []))
    return "".join(f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in runs)


def _property(pattern: str, i: int) -> tuple[str, int]:
    """The property name starting at ``pattern[i]`` (``{Lu}`` or ``L``) and the next index."""
    if i >= len(pattern):
        raise UntranslatableError("dangling \\p")
    if pattern[i] != "{":
        return pattern[i], i + 1
    end = pattern.find("}", i)
    if end < 0:
        raise UntranslatableError("unterminated \\p{")
    return pattern[i + 1 : end], end + 1


def _translate_escape(pattern: str, i: int, in_class: bool) -> tuple[str, int]:
    """Translate the escape at ``pattern[i] == '\\\\'``; returns the text and the next index."""
    letter = pattern[i + 1] if i + 1 < len(pattern) else ""
    if letter not in ("p", "P"):
        return pattern[i : i + 2], i + 2
    name, end = _property(pattern, i + 2)
    body = category_class(name)
    if letter == "p":
        return (body if in_class else f"[{body}]"), end
    if in_class:
        raise UntranslatableError("\\P inside a character class")
    return f"[^{body}]", end


def translate(pattern: str) -> str:
    """The Python ``re`` equivalent of Java ``pattern`` (to compile with ``re.ASCII``).

    Raises:
        UntranslatableError: nested classes, intersections and unknown properties.
    """
    out: list[str] = []
    i, in_class = 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            text, i = _translate_escape(pattern, i, in_class)
            out.append(text)
            continue
        if char == "[":
            if in_class:
                raise UntranslatableError("nested character class")
            in_class = True
        elif char == "]" and in_class:
            in_class = False
        elif char == "&" and in_class and pattern.startswith("&&", i):
            raise UntranslatableError("class intersection")
        out.append(char)
        i += 1
    return "".join(out)


@functools.cache
def compile_java(pattern: str) -> re.Pattern[str] | None:
    """``pattern`` compiled for full-string matching (Java ``matches``), or None if we can't."""
    try:
        with warnings.catch_warnings():
            # re's FutureWarnings ("possible nested set") mean the syntax differs from Java's.
            warnings.simplefilter("error")
            return re.compile(translate(pattern), re.ASCII)
    except (UntranslatableError, re.error, FutureWarning, RecursionError) as exc:
        logger.debug("pattern %r not checked: %s", pattern, exc)
        return None
