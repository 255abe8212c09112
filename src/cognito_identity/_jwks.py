"""JSON Web Key Sets: parsing, the per-URI cache with its refetch rate limit, and fetching.

:class:`JwksCache` is pure (no I/O) and may be shared by several verifiers, sync and async.
:class:`JwksClient` and :class:`AsyncJwksClient` are thin twins that fetch over httpx when the
cache cannot answer. ``cryptography`` is imported only when a key is parsed, so importing
``cognito_identity`` stays light.
"""

from __future__ import annotations

import base64
import binascii
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ._jwt_errors import JwksFetchError, KidNotFoundInJwksError, WaitPeriodNotYetEndedError

if TYPE_CHECKING:
    # httpx and asyncio load on the first fetch: importing the package stays cheap.
    import asyncio

    import httpx
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicKey

#: Seconds between two fetches of the same JWKS URI (aws-jwt-verify's "penalty box").
DEFAULT_REFETCH_INTERVAL = 10.0
#: Seconds allowed for a JWKS fetch by the client made here.
DEFAULT_FETCH_TIMEOUT = 5.0
MAX_JWKS_BYTES = 1 << 20


@dataclass(frozen=True)
class Jwk:
    """One key of a JWKS: its header fields and, for an RSA key, the parsed public key.

    Attributes:
        kid / kty / alg / use: the JWK members (``alg`` and ``use`` may be absent).
        fields: the JWK as published.
        public_key: the RSA public key, ``None`` for a key that is not RSA.
    """

    kid: str
    kty: str
    alg: str | None
    use: str | None
    fields: Mapping[str, Any] = field(repr=False, compare=False)
    public_key: RSAPublicKey | None = field(repr=False, compare=False)


def _b64url_uint(value: Any, name: str) -> int:
    if not isinstance(value, str) or not value:
        raise JwksFetchError(f"JWK member {name!r} is missing or not a string")
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as exc:
        raise JwksFetchError(f"JWK member {name!r} is not base64url") from exc
    return int.from_bytes(raw, "big")


def _rsa_public_key(fields: Mapping[str, Any]) -> RSAPublicKey:
    from cryptography.hazmat.primitives.asymmetric.rsa import RSAPublicNumbers

    numbers = RSAPublicNumbers(
        _b64url_uint(fields.get("e"), "e"), _b64url_uint(fields.get("n"), "n")
    )
    try:
        return numbers.public_key()
    except ValueError as exc:  # e.g. an even exponent or a tiny modulus
        raise JwksFetchError(f"JWK {fields.get('kid')!r} is not a usable RSA key") from exc


def _optional_str(fields: Mapping[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is not None and not isinstance(value, str):
        raise JwksFetchError(f"JWK member {name!r} is not a string")
    return value


def parse_jwk(fields: Any) -> Jwk:
    """A :class:`Jwk` from one JSON object of a JWKS ``keys`` list.

    Raises:
        JwksFetchError: the object lacks ``kid`` / ``kty`` or has a malformed RSA key.
    """
    if not isinstance(fields, Mapping):
        raise JwksFetchError("a JWKS key is not a JSON object")
    kid, kty = fields.get("kid"), fields.get("kty")
    if not isinstance(kid, str) or not isinstance(kty, str):
        raise JwksFetchError("a JWKS key lacks a string 'kid' or 'kty'")
    public_key = _rsa_public_key(fields) if kty == "RSA" else None
    alg, use = _optional_str(fields, "alg"), _optional_str(fields, "use")
    return Jwk(kid, kty, alg, use, dict(fields), public_key)


def parse_jwks(document: Any) -> dict[str, Jwk]:
    """The keys of a JWKS document (``{"keys": [...]}``) by ``kid``.

    Raises:
        JwksFetchError: the document is not a JWKS or one of its keys is malformed.
    """
    keys = document.get("keys") if isinstance(document, Mapping) else None
    if not isinstance(keys, list):
        raise JwksFetchError("the JWKS is not a JSON object with a 'keys' list")
    parsed = [parse_jwk(item) for item in keys]
    return {jwk.kid: jwk for jwk in parsed}


class JwksCache:
    """Keys by JWKS URI, and when each URI was last fetched (to rate-limit refetches).

    Share one cache between verifiers of the same pool to fetch its JWKS once per process.

    Args:
        refetch_interval: at least this many seconds between two fetches of one URI.
        monotonic: the clock for that interval (tests pass a fake one).
    """

    def __init__(
        self,
        *,
        refetch_interval: float = DEFAULT_REFETCH_INTERVAL,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.refetch_interval = refetch_interval
        self._monotonic = monotonic
        self._keys: dict[str, dict[str, Jwk]] = {}
        self._fetched_at: dict[str, float] = {}

    def has(self, uri: str) -> bool:
        """Whether a JWKS for ``uri`` is cached."""
        return uri in self._keys

    def get(self, uri: str, kid: str) -> Jwk | None:
        """The cached key ``kid`` of ``uri``, or ``None``."""
        return self._keys.get(uri, {}).get(kid)

    def put(self, uri: str, document: Any, *, fetched: bool = True) -> None:
        """Parse and store a JWKS for ``uri`` (``fetched`` starts the refetch wait)."""
        self._keys[uri] = parse_jwks(document)
        if fetched:
            self._fetched_at[uri] = self._monotonic()

    def check_refetch(self, uri: str, kid: str) -> None:
        """Raise unless ``uri`` may be fetched now to look for ``kid``.

        Raises:
            WaitPeriodNotYetEndedError: the last fetch is more recent than the interval.
        """
        last = self._fetched_at.get(uri)
        if last is None:
            return
        waited = self._monotonic() - last
        if waited < self.refetch_interval:
            raise WaitPeriodNotYetEndedError(
                f"kid {kid!r} not in the JWKS at {uri}; it was fetched {waited:.1f} s ago and "
                f"may be fetched again in {self.refetch_interval - waited:.1f} s"
            )


def kid_not_found(uri: str, kid: str) -> KidNotFoundInJwksError:
    """The error for a ``kid`` absent from a freshly fetched JWKS."""
    return KidNotFoundInJwksError(f"kid {kid!r} not found in the JWKS at {uri}")


def _document(uri: str, response: httpx.Response) -> Any:
    if response.status_code != 200:
        raise JwksFetchError(f"JWKS fetch from {uri} failed: HTTP {response.status_code}")
    if len(response.content) > MAX_JWKS_BYTES:
        raise JwksFetchError(f"JWKS at {uri} is larger than {MAX_JWKS_BYTES} bytes")
    try:
        return response.json()
    except ValueError as exc:
        raise JwksFetchError(f"JWKS at {uri} is not JSON") from exc


def _network_error(uri: str, exc: httpx.HTTPError) -> JwksFetchError:
    return JwksFetchError(f"JWKS fetch from {uri} failed: {type(exc).__name__}: {exc}")


class JwksClient:
    """Gets keys from a :class:`JwksCache`, fetching with a sync ``httpx.Client`` on a miss.

    Args:
        cache: the cache (shared or not).
        http_client: the client to fetch with (kept open); by default one made on first use.
        timeout: timeout of the client made here.
    """

    def __init__(
        self,
        cache: JwksCache,
        http_client: httpx.Client | None = None,
        *,
        timeout: httpx.Timeout | float = DEFAULT_FETCH_TIMEOUT,
    ) -> None:
        self.cache = cache
        self._client = http_client
        self._owns_client = http_client is None
        self._timeout = timeout
        # One fetch at a time, so a cold start under load does not trip the rate limit.
        self._lock = threading.Lock()

    def fetch(self, uri: str) -> None:
        """Fetch ``uri`` now and store it (raises :class:`JwksFetchError`)."""
        import httpx

        if self._client is None:
            self._client = httpx.Client(timeout=self._timeout)
        try:
            response = self._client.get(uri, headers={"Accept": "application/json"})
        except httpx.HTTPError as exc:
            raise _network_error(uri, exc) from exc
        self.cache.put(uri, _document(uri, response))

    def get_jwk(self, uri: str, kid: str) -> Jwk:
        """The key ``kid``: from the cache, else after a (rate-limited) fetch of ``uri``."""
        found = self.cache.get(uri, kid)
        if found is not None:
            return found
        with self._lock:
            found = self.cache.get(uri, kid)
            if found is None:
                self.cache.check_refetch(uri, kid)
                self.fetch(uri)
                found = self.cache.get(uri, kid)
        if found is None:
            raise kid_not_found(uri, kid)
        return found

    def close(self) -> None:
        """Close the httpx client if this object made it."""
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None


class AsyncJwksClient:
    """The async twin of :class:`JwksClient`, over ``httpx.AsyncClient``."""

    def __init__(
        self,
        cache: JwksCache,
        http_client: httpx.AsyncClient | None = None,
        *,
        timeout: httpx.Timeout | float = DEFAULT_FETCH_TIMEOUT,
    ) -> None:
        self.cache = cache
        self._client = http_client
        self._owns_client = http_client is None
        self._timeout = timeout
        self._lock: asyncio.Lock | None = None

    async def fetch(self, uri: str) -> None:
        """Fetch ``uri`` now and store it (raises :class:`JwksFetchError`)."""
        import httpx

        if self._client is None:
            self._client = httpx.AsyncClient(timeout=self._timeout)
        try:
            response = await self._client.get(uri, headers={"Accept": "application/json"})
        except httpx.HTTPError as exc:
            raise _network_error(uri, exc) from exc
        self.cache.put(uri, _document(uri, response))

    async def get_jwk(self, uri: str, kid: str) -> Jwk:
        """The key ``kid`` (see :meth:`JwksClient.get_jwk`)."""
        found = self.cache.get(uri, kid)
        if found is not None:
            return found
        if self._lock is None:  # made here, inside the running event loop
            import asyncio

            self._lock = asyncio.Lock()
        async with self._lock:
            found = self.cache.get(uri, kid)
            if found is None:
                self.cache.check_refetch(uri, kid)
                await self.fetch(uri)
                found = self.cache.get(uri, kid)
        if found is None:
            raise kid_not_found(uri, kid)
        return found

    async def aclose(self) -> None:
        """Close the httpx client if this object made it."""
        if self._owns_client and self._client is not None:
            await self._client.aclose()
            self._client = None
