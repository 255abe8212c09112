"""Our encoding against js-cookie itself and the official CookieStorage, run under node."""

from __future__ import annotations

import random
from collections.abc import Callable
from typing import Any

import pytest

from cognito_identity import CookieStorage
from cognito_identity.cookies import decode_value, encode_name, encode_value, parse_cookie_header

pytestmark = pytest.mark.node


def sample_strings() -> list[str]:
    """Every printable ASCII character alone, awkward mixes, and seeded random Unicode."""
    fixed = [chr(code) for code in range(32, 127)]
    fixed += ["a b", "x;y=z", "%", "%25", "%zz", "é", "日本", "😀", "tab\tnl\n", "", "a=b=c"]
    fixed += ["CognitoIdentityServiceProvider.abc.alice@example.com.idToken"]
    rng = random.Random(7)
    alphabet = [chr(c) for c in (*range(32, 127), 0xE9, 0x3B1, 0x65E5, 0x1F600, 0x7F, 0xA0)]
    fixed += ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 24))) for _ in range(200)]
    return fixed


def test_names_and_values_are_encoded_exactly_as_js_cookie(
    run_js_cookie: Callable[..., Any],
) -> None:
    strings = sample_strings()
    names = [s for s in strings if s]  # js-cookie cannot set an empty name
    answer = run_js_cookie({"names": names, "values": strings, "headers": [], "storages": []})
    assert answer["names"] == [encode_name(name) for name in names]
    assert answer["values"] == [encode_value(value) for value in strings]


def test_cookie_headers_are_read_as_js_cookie_reads_them(run_js_cookie: Callable[..., Any]) -> None:
    strings = sample_strings()
    headers = [f"k{i}={encode_value(s)}" for i, s in enumerate(strings)]
    headers += [
        'a=%E2%82%AC; b="q%20"; c=%E2%82; d=1; d=2; e=x=y; f=%; g=a+b',
        "%E2%82=bad-name; %41=decoded-name; n%zz=bad",
    ]
    answer = run_js_cookie({"names": [], "values": [], "headers": headers, "storages": []})
    for header, js_jar in zip(headers, answer["reads"], strict=True):
        ours = {name: decode_value(raw) for name, raw in parse_cookie_header(header).items()}
        assert {k: v for k, v in ours.items() if v is not None} == js_jar, header


STORAGE_OPTIONS: list[dict[str, Any]] = [
    {},
    {"sameSite": "Lax"},
    {"sameSite": "always"},
    {"sameSite": "none", "secure": False},
    {"sameSite": "none"},
    {"sameSite": "strict", "domain": "example.com", "secure": False, "path": "/app"},
    {"expires": 7, "secure": False},
]


def python_storage(options: dict[str, Any]) -> CookieStorage:
    renamed = {"same_site" if key == "sameSite" else key: value for key, value in options.items()}
    return CookieStorage(**renamed)


def test_cookie_storage_validates_and_writes_as_js(run_js_cookie: Callable[..., Any]) -> None:
    answer = run_js_cookie({"names": [], "values": [], "headers": [], "storages": STORAGE_OPTIONS})
    for options, js in zip(STORAGE_OPTIONS, answer["storages"], strict=True):
        if js["error"] is not None:
            with pytest.raises(ValueError) as caught:
                python_storage(options)
            assert str(caught.value) == js["error"]
            continue
        storage = python_storage(options)
        storage.set_item("a b", "x;y")
        assert normalise(storage.set_cookie_headers()[0]) == normalise(js["setItem"]), options


def normalise(header: str) -> tuple[str, dict[str, str]]:
    """``name=value`` and the attributes, lower-cased, without the expiry's seconds."""
    first, *attributes = header.split("; ")
    parsed = {}
    for attribute in attributes:
        key, _, value = attribute.partition("=")
        parsed[key.lower()] = value[:16] if key.lower() == "expires" else value.lower()
    return first, parsed
