"""The :class:`CookieStorage` core: no web framework needed."""

from __future__ import annotations

import copy
import time
from collections.abc import Callable, Iterator, Mapping
from datetime import datetime, timezone

from ..errors import CognitoError
from ..storage import KEY_PREFIX
from ._codec import decode_value, encode_name, encode_value, http_date, jar_from

#: RFC 6265 section 6.1: browsers keep cookies up to at least 4096 bytes, counting the name,
#: the value and the attributes. Larger ones may be dropped without a word.
MAX_COOKIE_SIZE = 4096
#: The most chunk cookies one value may take (beyond that no server would take the header).
MAX_CHUNKS = 10
CHUNK_COUNT = ".chunks"
CHUNK = ".chunk"

_SAME_SITE = ("strict", "lax", "none")
_SAME_SITE_ERROR = 'The sameSite value of cookieStorage must be "lax", "strict" or "none".'
_NONE_NEEDS_SECURE = "sameSite = None requires the Secure attribute in latest browser versions."
_DAY = 86400.0


class CookieTooLargeError(CognitoError, ValueError):
    """A value needs more than :data:`MAX_CHUNKS` cookies (about 40 KB)."""


class CookieStorage:
    """Token storage in the browser's cookies, the JS library's ``CookieStorage`` on a server.

    It reads the cookies a request carried and collects ``Set-Cookie`` headers for the
    response: bind it to a request with :meth:`with_cookies` (or the adapters in
    :mod:`cognito_identity.cookies.asgi` / :mod:`~cognito_identity.cookies.wsgi`), pass it as
    the pool's ``storage``, then send :meth:`set_cookie_headers`. Cookie names, values and
    encoding are js-cookie's, so a browser page using ``amazon-cognito-identity-js`` with its
    ``CookieStorage`` and this server share one session.

    Args:
        domain: the ``Domain`` attribute (``".example.com"`` shares with subdomains); default
            none, a host-only cookie.
        path: the ``Path`` attribute (an empty one means ``"/"``, as in JS).
        expires: days until the cookies expire (``Expires`` attribute), a ``datetime``, or
            ``None`` for session cookies that end with the browser.
        secure: send the cookies over HTTPS only (``Secure``). Set ``False`` for plain-HTTP
            development on localhost.
        same_site: ``"strict"``, ``"lax"``, ``"none"`` or ``None`` (no attribute).
        cookies: the request's cookies: its ``Cookie`` header, or a ``{name: value}`` mapping
            of raw (still encoded) cookies.
        http_only: add ``HttpOnly`` (not in JS, which cannot): page scripts, the JS library
            included, then cannot read the tokens, which keeps them from XSS.
        max_cookie_size: the largest ``Set-Cookie`` (name, value and attributes) written as
            one cookie; larger values are split (see :mod:`cognito_identity.cookies`).
        clock: seconds since the epoch, for ``Expires``.

    Raises:
        ValueError: ``'The sameSite value of cookieStorage must be "lax", "strict" or
            "none".'`` or ``'sameSite = None requires the Secure attribute in latest browser
            versions.'`` (the JS messages).

    Example::

        settings = CookieStorage(domain="example.com", same_site="lax")
        storage = settings.with_cookies(request_cookie_header)
        pool = CognitoUserPool(pool_id, client_id, storage=storage)
        ...
        for header in storage.set_cookie_headers():
            response_headers.append(("Set-Cookie", header))
    """

    def __init__(
        self,
        domain: str | None = None,
        path: str = "/",
        expires: float | datetime | None = 365,
        secure: bool = True,
        same_site: str | None = None,
        *,
        cookies: str | Mapping[str, str] | None = None,
        http_only: bool = False,
        max_cookie_size: int = MAX_COOKIE_SIZE,
        clock: Callable[[], float] | None = None,
    ) -> None:
        _check_same_site(same_site, secure)
        self.domain = domain or None
        self.path = path or "/"
        self.expires = expires
        self.secure = secure
        self.same_site = same_site
        self.http_only = http_only
        self.max_cookie_size = max_cookie_size
        self.clock: Callable[[], float] = clock or time.time
        self._jar = jar_from(cookies)
        self._pending: dict[str, str] = {}

    def __repr__(self) -> str:
        return (
            f"CookieStorage(domain={self.domain!r}, path={self.path!r}, "
            f"expires={self.expires!r}, secure={self.secure!r}, same_site={self.same_site!r})"
        )

    def with_cookies(self, cookies: str | Mapping[str, str] | None) -> CookieStorage:
        """A storage with these settings over another request's cookies, nothing pending.

        Keep one configured instance for the app and call this once per request.
        """
        bound = copy.copy(self)
        bound._jar = jar_from(cookies)
        bound._pending = {}
        return bound

    # The Storage protocol

    def get_item(self, key: str) -> str | None:
        """The value of cookie ``key`` (joined from its chunks if it was split), or ``None``.

        Writes made through this object earlier in the request are seen.
        """
        raw = self._jar.get(key)
        if raw is None:
            raw = self._joined_chunks(key)
        return None if raw is None else decode_value(raw)

    def set_item(self, key: str, value: str) -> None:
        """Set cookie ``key``, as one cookie if it fits in :attr:`max_cookie_size`, else split.

        Raises:
            CookieTooLargeError: the value would need more than :data:`MAX_CHUNKS` cookies.
            ValueError: ``key`` or ``value`` holds a lone surrogate (not encodable).
        """
        encoded = encode_value(value)
        if len(self._header(key, encoded, self._expiry())) <= self.max_cookie_size:
            self._drop_chunks(key)
            self._write(key, encoded)
        else:
            self._write_chunks(key, encoded)
            self._drop(key)

    def remove_item(self, key: str) -> None:
        """Expire cookie ``key`` (with the same attributes, as JS does) and any chunks of it."""
        self._drop_chunks(key)
        self._jar.pop(key, None)
        self._pending[key] = self._header(key, "", self.clock() - _DAY)

    def clear(self) -> None:
        """Expire every Cognito cookie of the request (names starting with
        ``CognitoIdentityServiceProvider.``); other cookies stay, unlike in JS."""
        for name in [name for name in self._jar if name.startswith(KEY_PREFIX + ".")]:
            self._drop(name)

    # For the response

    def set_cookie_headers(self) -> list[str]:
        """The ``Set-Cookie`` header values to send, one per cookie changed (last write wins)."""
        return list(self._pending.values())

    def cookie_names(self) -> Iterator[str]:
        """The (decoded) names of the cookies as they stand after this request's changes."""
        return iter(list(self._jar))

    # Internals

    def _write(self, name: str, encoded: str) -> None:
        self._jar[name] = encoded
        self._pending[name] = self._header(name, encoded, self._expiry())

    def _drop(self, name: str) -> None:
        if self._jar.pop(name, None) is not None:
            self._pending[name] = self._header(name, "", self.clock() - _DAY)

    def _joined_chunks(self, key: str) -> str | None:
        count = self._jar.get(key + CHUNK_COUNT, "")
        if not count.isdigit() or not 0 < int(count) <= MAX_CHUNKS:
            return None
        pieces = [self._jar.get(f"{key}{CHUNK}{index}") for index in range(int(count))]
        if any(piece is None for piece in pieces):
            return None  # a chunk was lost (dropped by the browser): treat as absent
        return "".join(piece for piece in pieces if piece is not None)

    def _write_chunks(self, key: str, encoded: str) -> None:
        self._drop_chunks(key)
        widest = self._header(f"{key}{CHUNK}{MAX_CHUNKS}", "", self._expiry())
        room = self.max_cookie_size - len(widest)
        if room <= 0 or len(encoded) > room * MAX_CHUNKS:
            raise CookieTooLargeError(
                f"{key!r} is {len(encoded)} bytes once encoded: more than {MAX_CHUNKS} cookies "
                f"of {self.max_cookie_size} bytes"
            )
        pieces = [encoded[start : start + room] for start in range(0, len(encoded), room)]
        for index, piece in enumerate(pieces):
            self._write(f"{key}{CHUNK}{index}", piece)
        self._write(key + CHUNK_COUNT, str(len(pieces)))

    def _drop_chunks(self, key: str) -> None:
        prefix = key + CHUNK
        for name in [name for name in self._jar if name.startswith(prefix)]:
            self._drop(name)

    def _expiry(self) -> float | None:
        if self.expires is None:
            return None
        if isinstance(self.expires, datetime):
            moment = self.expires
            if moment.tzinfo is None:
                moment = moment.replace(tzinfo=timezone.utc)
            return moment.timestamp()
        return self.clock() + float(self.expires) * _DAY

    def _header(self, name: str, encoded: str, expires: float | None) -> str:
        """``name=value`` and the attributes, in js-cookie's order."""
        parts = [f"{encode_name(name)}={encoded}", f"Path={_attribute(self.path)}"]
        if expires is not None:
            parts.append(f"Expires={http_date(expires)}")
        if self.domain:
            parts.append(f"Domain={_attribute(self.domain)}")
        if self.secure:
            parts.append("Secure")
        if self.http_only:
            parts.append("HttpOnly")
        if self.same_site:
            parts.append(f"SameSite={self.same_site.capitalize()}")
        return "; ".join(parts)


def _attribute(value: str) -> str:
    # As js-cookie (RFC 6265 section 5.2): an attribute value ends at the first ";".
    return value.split(";")[0]


def _check_same_site(same_site: str | None, secure: bool) -> None:
    if same_site is None:
        return
    if same_site not in _SAME_SITE:
        raise ValueError(_SAME_SITE_ERROR)
    if same_site == "none" and not secure:
        raise ValueError(_NONE_NEEDS_SECURE)
