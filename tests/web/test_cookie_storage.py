"""CookieStorage without a browser: JS validation, js-cookie encoding, Set-Cookie headers,
chunking of large values, and ``clear`` touching only Cognito cookies."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from cognito_identity import CognitoUserPool, CookieStorage, Storage
from cognito_identity.cookies import (
    MAX_CHUNKS,
    CookieTooLargeError,
    decode_name,
    decode_value,
    encode_name,
    encode_value,
    parse_cookie_header,
)

NOW = 1_700_000_000.0  # Tue, 14 Nov 2023 22:13:20 GMT
KEY = "CognitoIdentityServiceProvider.client1.alice@example.com.idToken"


def make(**options: object) -> CookieStorage:
    return CookieStorage(clock=lambda: NOW, **options)  # type: ignore[arg-type]


def browser_after(storage: CookieStorage, before: str = "") -> str:
    """The Cookie header a browser would send next, given the Set-Cookie headers."""
    jar = dict(pair.split("=", 1) for pair in before.split("; ") if pair)
    for header in storage.set_cookie_headers():
        name, _, rest = header.partition("=")
        value = rest.split("; ")[0]
        expires = [a for a in rest.split("; ") if a.startswith("Expires=")]
        if expires and "2023" in expires[0] and "13 Nov" in expires[0]:
            jar.pop(name, None)  # expired yesterday: the browser deletes it
        else:
            jar[name] = value
    return "; ".join(f"{name}={value}" for name, value in jar.items())


# Validation: the JS constructor's rules and messages


@pytest.mark.parametrize("same_site", ["Lax", "LAX", "", "always", "None"])
def test_same_site_must_be_exactly_lower_case(same_site: str) -> None:
    with pytest.raises(ValueError) as caught:
        CookieStorage(same_site=same_site)
    assert str(caught.value) == (
        'The sameSite value of cookieStorage must be "lax", "strict" or "none".'
    )


def test_same_site_none_requires_secure() -> None:
    with pytest.raises(ValueError) as caught:
        CookieStorage(same_site="none", secure=False)
    assert str(caught.value) == (
        "sameSite = None requires the Secure attribute in latest browser versions."
    )
    assert CookieStorage(same_site="none").same_site == "none"


def test_defaults_are_the_js_defaults() -> None:
    storage = CookieStorage()
    assert (storage.domain, storage.path, storage.expires, storage.secure, storage.same_site) == (
        None,
        "/",
        365,
        True,
        None,
    )
    assert CookieStorage(path="", domain="").path == "/"
    assert isinstance(storage, Storage)


# Set-Cookie headers


def test_set_cookie_header_has_js_attributes_in_js_order() -> None:
    storage = make(domain="example.com", same_site="lax")
    storage.set_item("a b", "x;y")
    assert storage.set_cookie_headers() == [
        "a%20b=x%3By; Path=/; Expires=Wed, 13 Nov 2024 22:13:20 GMT; Domain=example.com; "
        "Secure; SameSite=Lax"
    ]


def test_defaults_make_host_only_secure_cookie_for_365_days() -> None:
    storage = make()
    storage.set_item("k", "v")
    assert storage.set_cookie_headers() == [
        "k=v; Path=/; Expires=Wed, 13 Nov 2024 22:13:20 GMT; Secure"
    ]


def test_expires_none_makes_session_cookie_and_datetime_is_used_as_is() -> None:
    session = make(expires=None, secure=False, http_only=True)
    session.set_item("k", "v")
    assert session.set_cookie_headers() == ["k=v; Path=/; HttpOnly"]
    fixed = make(expires=datetime(2030, 1, 2, 3, 4, 5, tzinfo=timezone.utc), secure=False)
    fixed.set_item("k", "v")
    assert fixed.set_cookie_headers() == ["k=v; Path=/; Expires=Wed, 02 Jan 2030 03:04:05 GMT"]


def test_attribute_values_stop_at_a_semicolon_as_in_js_cookie() -> None:
    storage = make(path="/app;evil", domain="example.com; Secure", secure=False, expires=None)
    storage.set_item("k", "v")
    assert storage.set_cookie_headers() == ["k=v; Path=/app; Domain=example.com"]


def test_remove_expires_the_cookie_with_the_same_attributes() -> None:
    storage = make(cookies="k=v; other=1", domain="example.com", secure=False)
    storage.remove_item("k")
    assert storage.get_item("k") is None
    assert storage.set_cookie_headers() == [
        "k=; Path=/; Expires=Mon, 13 Nov 2023 22:13:20 GMT; Domain=example.com"
    ]


def test_last_write_of_a_name_wins_and_is_read_back() -> None:
    storage = make(cookies="k=old")
    assert storage.get_item("k") == "old"
    storage.set_item("k", "one")
    storage.set_item("k", "two")
    assert storage.get_item("k") == "two"
    assert [h.split(";")[0] for h in storage.set_cookie_headers()] == ["k=two"]


# Encoding round trips

AWKWARD = [
    "plain",
    "with space",
    "semi;colon",
    "equals=sign==",
    "per%cent%25",
    'quote"back\\slash',
    "comma,tab\tnew\nline",
    "+plus+",
    "é ü ß 日本語 😀",
    "!#$&'()*+,/:<=>?@[]^`{|}~",
    "",
]


@pytest.mark.parametrize("value", AWKWARD)
def test_values_round_trip_through_a_cookie_header(value: str) -> None:
    writer = make(secure=False)
    writer.set_item(KEY, value)
    reader = make(cookies=browser_after(writer))
    assert reader.get_item(KEY) == value


@pytest.mark.parametrize("name", AWKWARD[:-1])
def test_names_round_trip(name: str) -> None:
    writer = make()
    writer.set_item(name, "v")
    assert make(cookies=browser_after(writer)).get_item(name) == "v"


def test_encoded_text_is_cookie_safe() -> None:
    for text in AWKWARD:
        for encoded in (encode_name(text), encode_value(text)):
            assert not set(encoded) & set(' ;,"\\\t\n')


def test_encoding_matches_js_cookie_rules() -> None:
    assert encode_value("a;b=c/d%é") == "a%3Bb=c/d%25%C3%A9"
    assert encode_name("a=b(c)#$") == "a%3Db%28c%29#$"
    assert encode_value("+") == "+"  # not a space


def test_reading_follows_js_cookie() -> None:
    jar = parse_cookie_header('a=%E2%82%AC; b="q%20"; c=%E2%82; d=1; d=2; novalue; e=x=y')
    assert {name: decode_value(raw) for name, raw in jar.items()} == {
        "a": "€",
        "b": "q ",
        "c": None,  # not UTF-8: unreadable, as in JS
        "d": "1",  # the first of two wins
        "e": "x=y",
    }
    assert decode_value("a+b") == "a+b"
    assert decode_name("bad%zz") is None


def test_lone_surrogates_are_refused() -> None:
    with pytest.raises(ValueError, match="cannot encode"):
        make().set_item("k", "\ud800")


def test_raw_mapping_of_cookies_is_accepted() -> None:
    storage = make(cookies={"a%20b": "x%3By"})
    assert storage.get_item("a b") == "x;y"


# clear


def test_clear_removes_only_cognito_cookies() -> None:
    header = (
        "session=abc; CognitoIdentityServiceProvider.c.LastAuthUser=alice; "
        "CognitoIdentityServiceProvider.c.alice.idToken=t; theme=dark"
    )
    storage = make(cookies=header, secure=False)
    storage.clear()
    removed = [h.split("=")[0] for h in storage.set_cookie_headers()]
    assert removed == [
        "CognitoIdentityServiceProvider.c.LastAuthUser",
        "CognitoIdentityServiceProvider.c.alice.idToken",
    ]
    assert sorted(storage.cookie_names()) == ["session", "theme"]


# Large values


def test_large_value_is_split_into_chunks_and_joined_back() -> None:
    token = "eyJ" + "x" * 9000
    writer = make(secure=False)
    writer.set_item(KEY, token)
    headers = writer.set_cookie_headers()
    assert all(len(h) <= 4096 for h in headers)
    names = [h.split("=")[0] for h in headers]
    assert names[-1] == encode_name(KEY) + ".chunks"
    assert names[:-1] == [encode_name(f"{KEY}.chunk{i}") for i in range(3)]
    assert make(cookies=browser_after(writer)).get_item(KEY) == token


def test_switching_between_split_and_single_cleans_up() -> None:
    first = make(secure=False)
    first.set_item(KEY, "y" * 9000)
    second = make(cookies=browser_after(first), secure=False)
    second.set_item(KEY, "small")
    after = browser_after(second, browser_after(first))
    assert "chunk" not in after
    assert make(cookies=after).get_item(KEY) == "small"
    third = make(cookies=after, secure=False)
    third.set_item(KEY, "z" * 5000)
    assert make(cookies=browser_after(third, after)).get_item(KEY) == "z" * 5000
    assert encode_name(KEY) + "=" not in browser_after(third, after)


def test_a_lost_chunk_reads_as_missing() -> None:
    writer = make(secure=False)
    writer.set_item(KEY, "q" * 9000)
    header = "; ".join(p for p in browser_after(writer).split("; ") if ".chunk1=" not in p)
    assert make(cookies=header).get_item(KEY) is None


def test_remove_item_removes_chunks() -> None:
    writer = make(secure=False)
    writer.set_item(KEY, "q" * 9000)
    remover = make(cookies=browser_after(writer), secure=False)
    remover.remove_item(KEY)
    assert browser_after(remover, browser_after(writer)) == ""


def test_too_large_value_is_refused_clearly() -> None:
    with pytest.raises(CookieTooLargeError, match=f"more than {MAX_CHUNKS} cookies"):
        make().set_item(KEY, "x" * 4096 * MAX_CHUNKS)


def test_cookie_that_fits_exactly_is_not_split() -> None:
    storage = make(max_cookie_size=200, secure=False, expires=None)
    header_without_value = len(f"{KEY}=; Path=/".replace("@", "%40"))
    storage.set_item(KEY, "v" * (200 - header_without_value))
    assert len(storage.set_cookie_headers()) == 1
    assert len(storage.set_cookie_headers()[0]) == 200


# With the SDK


def test_pool_uses_cookie_storage_with_js_key_layout() -> None:
    storage = make(
        cookies="CognitoIdentityServiceProvider.client1.LastAuthUser=alice%40example.com"
    )
    pool = CognitoUserPool("us-east-1_AbC123", "client1", storage=storage)
    user = pool.get_current_user()
    assert user is not None and user.username == "alice@example.com"
    pool.close()


def test_with_cookies_keeps_settings_and_starts_clean() -> None:
    settings = make(domain="example.com", same_site="strict")
    settings.set_item("k", "v")
    bound = settings.with_cookies("a=1")
    assert (bound.domain, bound.same_site, bound.get_item("a"), bound.get_item("k")) == (
        "example.com",
        "strict",
        "1",
        None,
    )
    assert bound.set_cookie_headers() == []
