"""js-cookie 3's encoding, so cookies written here and by the JS library read the same.

js-cookie (what ``amazon-cognito-identity-js``'s ``CookieStorage`` uses) writes:

* names: ``encodeURIComponent``, then ``# $ & + ^ ` |`` back to themselves, and ``(`` ``)``
  as ``%28`` ``%29``;
* values: ``encodeURIComponent``, then the characters RFC 6265 allows in a cookie value back to
  themselves (``# $ & + / : < = > ? @ [ ] ^ ` { | }``).

It reads a name with ``decodeURIComponent`` and a value by dropping surrounding double quotes,
then decoding every run of ``%XX`` escapes as UTF-8. A cookie whose name or value is not valid
UTF-8 after decoding is skipped. ``+`` stays ``+`` (it is not a space in cookies).
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable, Mapping
from urllib.parse import quote, unquote

# encodeURIComponent leaves letters, digits and these unescaped.
_URI_COMPONENT_SAFE = "-_.!~*'()"
# What js-cookie turns back after encodeURIComponent (names and values differ).
_NAME_SAFE = "-_.!~*'" + "#$&+^`|"
_VALUE_SAFE = _URI_COMPONENT_SAFE + "#$&+/:<=>?@[]^`{|}"
_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")
_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def encode_name(name: str) -> str:
    """A cookie name as js-cookie writes it (``a b(c)`` -> ``a%20b%28c%29``).

    Raises:
        ValueError: the name holds a lone surrogate (JS throws ``URIError`` too).
    """
    return _quote(name, _NAME_SAFE)


def encode_value(value: str) -> str:
    """A cookie value as js-cookie writes it (``a;b=c`` -> ``a%3Bb=c``).

    Raises:
        ValueError: the value holds a lone surrogate (JS throws ``URIError`` too).
    """
    return _quote(value, _VALUE_SAFE)


def _quote(text: str, safe: str) -> str:
    try:
        return quote(text, safe=safe, encoding="utf-8", errors="strict")
    except UnicodeEncodeError as exc:
        raise ValueError(f"cannot encode {text!r} in a cookie: {exc.reason}") from None


def decode_name(raw: str) -> str | None:
    """A name as js-cookie reads it (``decodeURIComponent``); ``None`` if that would throw
    (a ``%`` not followed by two hex digits, or escapes that are not UTF-8)."""
    if _BAD_ESCAPE.search(raw):
        return None
    return _unquote_runs(raw)


def decode_value(raw: str) -> str | None:
    """A value as js-cookie reads it; ``None`` if an escape run is not valid UTF-8."""
    if raw.startswith('"'):
        raw = raw[1:-1]
    return _unquote_runs(raw)


def _unquote_runs(raw: str) -> str | None:
    try:
        return _ESCAPES.sub(lambda run: unquote(run.group(), errors="strict"), raw)
    except UnicodeDecodeError:
        return None


def parse_cookie_header(header: str) -> dict[str, str]:
    """``Cookie: a=1; b=2`` as ``{decoded name: raw value}``; the first of two same names wins.

    Browsers send the cookie with the longest path first, so the first is the most specific.
    Pieces without ``=`` and names that are not valid UTF-8 are skipped, as js-cookie does.
    """
    return raw_jar(_pairs(header))


def _pairs(header: str) -> Iterable[tuple[str, str]]:
    for piece in header.split(";"):
        name, equals, value = piece.strip(" \t").partition("=")
        if equals:
            yield name, value


def raw_jar(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """``{decoded name: raw value}`` from raw ``(name, value)`` pairs (first name wins)."""
    jar: dict[str, str] = {}
    for raw_name, value in pairs:
        name = decode_name(raw_name)
        if name is not None and name not in jar:
            jar[name] = value
    return jar


def jar_from(cookies: str | Mapping[str, str] | None) -> dict[str, str]:
    """A raw jar from a ``Cookie`` header, a raw ``{name: value}`` mapping, or nothing."""
    if cookies is None:
        return {}
    if isinstance(cookies, str):
        return parse_cookie_header(cookies)
    return raw_jar(cookies.items())


def http_date(seconds: float) -> str:
    """``Wed, 21 Oct 2026 07:28:00 GMT``: JS ``Date.toUTCString()``, whatever the locale."""
    t = time.gmtime(seconds)
    day, month = _DAYS[t.tm_wday], _MONTHS[t.tm_mon - 1]
    clock = f"{t.tm_hour:02d}:{t.tm_min:02d}:{t.tm_sec:02d}"
    return f"{day}, {t.tm_mday:02d} {month} {t.tm_year} {clock} GMT"
