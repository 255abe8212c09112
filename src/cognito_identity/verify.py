"""Verify Cognito ID and access tokens on your server: what aws-jwt-verify does for JS.

A token is trusted only after: the RS256 signature checks out against the pool's JWKS (fetched
once, cached, refetched when a new ``kid`` appears, at most once per 10 s); ``iss`` is the
pool's issuer; ``token_use`` is the expected one; the client id is accepted (``aud`` in ID
tokens, ``client_id`` in access tokens); ``exp`` is future and ``nbf`` / ``iat`` past, give or
take ``clock_tolerance``; then the optional group, scope and custom checks. Each failure is a
:class:`JwtVerificationError` subclass naming the claim (the tree is in :mod:`._jwt_errors`).

Example::

    from cognito_identity import CognitoJwtVerifier, JwtVerificationError

    verifier = CognitoJwtVerifier("us-east-1_AbC123", token_use="access", client_id="1example")
    try:
        claims = verifier.verify(token)
    except JwtVerificationError as exc:
        return 401, str(exc)

Needs ``cryptography`` (``pip install cognito-identity[verify]``), imported on first use.
"""

from __future__ import annotations

import dataclasses
import inspect
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal

from . import _jwt
from ._jwks import AsyncJwksClient, Jwk, JwksCache, JwksClient, kid_not_found
from ._jwt_errors import *  # noqa: F403  (the errors belong to this module's public surface)
from ._jwt_errors import (
    JwksNotAvailableInCacheError,
    JwtCustomCheckError,
    JwtVerificationError,
)
from ._jwt_errors import __all__ as _error_names
from ._wire import region_of, validate_pool_id

if TYPE_CHECKING:
    import httpx

if TYPE_CHECKING:
    from .tokens import CognitoUserSession

TokenUse = Literal["id", "access"]
Claims = dict[str, Any]
#: ``check(header, payload, jwk)``: return ``False`` or raise to refuse the token. The async
#: verifier also accepts a coroutine function.
CustomCheck = Callable[[Claims, Claims, Jwk], Any]


@dataclass(frozen=True)
class VerifyOptions:
    """The checks of one verification; the verifier's defaults, overridable per call."""

    token_use: TokenUse | None
    client_id: str | Sequence[str] | None
    groups: str | Sequence[str] | None = None
    scope: str | Sequence[str] | None = None
    clock_tolerance: float = 0
    custom_check: CustomCheck | None = None


def cognito_issuer(user_pool_id: str) -> str:
    """``https://cognito-idp.<region>.amazonaws.com/<pool id>``: the issuer of AWS's tokens."""
    return f"https://cognito-idp.{region_of(user_pool_id)}.amazonaws.com/{user_pool_id}"


def _refuse_false(result: Any) -> None:
    if result is False:
        raise JwtCustomCheckError("custom check returned False")


def _custom_failure(exc: Exception) -> JwtCustomCheckError:
    return JwtCustomCheckError(f"custom check raised {type(exc).__name__}: {exc}")


class _BaseVerifier:
    """Configuration and the pure steps shared by the sync and async verifiers."""

    def __init__(
        self,
        user_pool_id: str,
        *,
        token_use: TokenUse | None,
        client_id: str | Sequence[str] | None,
        groups: str | Sequence[str] | None = None,
        scope: str | Sequence[str] | None = None,
        clock_tolerance: float = 0,
        custom_check: CustomCheck | None = None,
        issuer: str | None = None,
        jwks_uri: str | None = None,
        jwks_cache: JwksCache | None = None,
        clock: Callable[[], float] | None = None,
    ) -> None:
        validate_pool_id(user_pool_id)
        self.user_pool_id = user_pool_id
        self.issuer = issuer or cognito_issuer(user_pool_id)
        self.jwks_uri = jwks_uri or f"{self.issuer.rstrip('/')}/.well-known/jwks.json"
        self.options = VerifyOptions(
            token_use, client_id, groups, scope, clock_tolerance, custom_check
        )
        self.jwks_cache = jwks_cache if jwks_cache is not None else JwksCache()
        self._clock = clock or time.time

    def cache_jwks(self, jwks: Mapping[str, Any]) -> None:
        """Preload the pool's JWKS (e.g. read from a file), so no fetch is needed.

        Raises:
            JwksFetchError: ``jwks`` is not a valid JWKS.
        """
        self.jwks_cache.put(self.jwks_uri, jwks, fetched=False)

    def _options(self, overrides: Mapping[str, Any]) -> VerifyOptions:
        return dataclasses.replace(self.options, **overrides) if overrides else self.options

    def _prepare(self, token: str) -> tuple[_jwt.DecomposedJwt, str]:
        # The issuer is checked before any key lookup, so foreign tokens never cause a fetch.
        jwt = _jwt.decompose(token)
        kid = _jwt.header_kid(jwt)
        _jwt.check_issuer(jwt.payload, self.issuer)
        return jwt, kid

    def _check(self, jwt: _jwt.DecomposedJwt, jwk: Jwk, options: VerifyOptions) -> None:
        _jwt.check_signature(jwt, jwk)
        payload = jwt.payload
        _jwt.check_token_use(payload, options.token_use)
        _jwt.check_client(payload, options.client_id)
        _jwt.check_times(payload, self._clock(), options.clock_tolerance)
        _jwt.check_groups(payload, options.groups)
        _jwt.check_scope(payload, options.scope)

    def _call_custom(self, jwt: _jwt.DecomposedJwt, jwk: Jwk, check: CustomCheck) -> Any:
        try:
            return check(jwt.header, jwt.payload, jwk)
        except JwtVerificationError:
            raise
        except Exception as exc:
            raise _custom_failure(exc) from exc

    def _cached_jwk(self, kid: str) -> Jwk:
        if not self.jwks_cache.has(self.jwks_uri):
            raise JwksNotAvailableInCacheError(
                f"no JWKS cached for {self.jwks_uri}; call hydrate() or cache_jwks() first"
            )
        jwk = self.jwks_cache.get(self.jwks_uri, kid)
        if jwk is None:
            raise kid_not_found(self.jwks_uri, kid)
        return jwk

    def verify_sync(self, token: str, **overrides: Any) -> Claims:
        """Verify with the cached JWKS only: never does I/O (custom checks must be sync).

        Raises:
            JwksNotAvailableInCacheError: nothing cached yet.
            JwtVerificationError: as :meth:`CognitoJwtVerifier.verify`.
        """
        options = self._options(overrides)
        jwt, kid = self._prepare(token)
        jwk = self._cached_jwk(kid)
        self._check(jwt, jwk, options)
        if options.custom_check is not None:
            result = self._call_custom(jwt, jwk, options.custom_check)
            if inspect.isawaitable(result):
                _close_awaitable(result)
                raise JwtCustomCheckError("verify_sync cannot run an async custom check")
            _refuse_false(result)
        return jwt.payload


def _close_awaitable(result: Any) -> None:
    # Avoid "coroutine was never awaited" warnings for a check we refuse to run.
    close = getattr(result, "close", None)
    if callable(close):
        close()


class CognitoJwtVerifier(_BaseVerifier):
    """Verifies a user pool's JWTs; fetches its JWKS with a sync httpx client.

    Args:
        user_pool_id: ``<region>_<id>``; the issuer and JWKS URI derive from it.
        token_use: ``"id"``, ``"access"``, or ``None`` for either (must be given).
        client_id: accepted app client id(s), or ``None`` to accept any (must be given).
        groups: required ``cognito:groups`` (any of them), or ``None``.
        scope: required scopes (any of them), or ``None``.
        clock_tolerance: seconds of slack on ``exp``, ``nbf`` and ``iat``.
        custom_check: ``check(header, payload, jwk)``; return ``False`` or raise to refuse.
        issuer: the expected ``iss`` instead of AWS's (the local server, an emulator).
        jwks_uri: where the keys are, instead of ``<issuer>/.well-known/jwks.json``.
        jwks_cache: a :class:`~cognito_identity._jwks.JwksCache` to share between verifiers.
        http_client: an httpx client for the JWKS fetch (kept open).
        clock: seconds since the epoch (tests inject a fake).

    Raises:
        ValueError: the pool id is malformed.

    Example::

        verifier = CognitoJwtVerifier(
            pool_id, token_use="id", client_id=client_id,
            issuer=f"http://127.0.0.1:9229/{pool_id}",   # the local server
        )
        claims = verifier.verify(id_token)
    """

    def __init__(
        self,
        user_pool_id: str,
        *,
        http_client: httpx.Client | None = None,
        **settings: Any,
    ) -> None:
        super().__init__(user_pool_id, **settings)
        self._jwks = JwksClient(self.jwks_cache, http_client)

    def verify(self, token: str, **overrides: Any) -> Claims:
        """Verify ``token`` and return its claims, fetching the JWKS when needed.

        Args:
            token: the JWT.
            overrides: per-call values of ``token_use``, ``client_id``, ``groups``, ``scope``,
                ``clock_tolerance``, ``custom_check``.

        Raises:
            JwtVerificationError: the subclass naming the failed check.
        """
        options = self._options(overrides)
        jwt, kid = self._prepare(token)
        jwk = self._jwks.get_jwk(self.jwks_uri, kid)
        self._check(jwt, jwk, options)
        if options.custom_check is not None:
            _refuse_false(self._call_custom(jwt, jwk, options.custom_check))
        return jwt.payload

    def verify_session(self, session: CognitoUserSession) -> tuple[Claims, Claims]:
        """Verify a session's ID and access tokens; returns ``(id_claims, access_claims)``."""
        return (
            self.verify(session.id_token.jwt_token, token_use="id"),
            self.verify(session.access_token.jwt_token, token_use="access"),
        )

    def hydrate(self) -> None:
        """Fetch the JWKS now (at startup), so the first verification does not wait."""
        self._jwks.fetch(self.jwks_uri)

    def close(self) -> None:
        """Close the httpx client if the verifier made it."""
        self._jwks.close()

    def __enter__(self) -> CognitoJwtVerifier:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


class AsyncCognitoJwtVerifier(_BaseVerifier):
    """The async twin of :class:`CognitoJwtVerifier` (httpx.AsyncClient for the JWKS).

    Takes the same arguments, with ``http_client`` an ``httpx.AsyncClient``; ``custom_check``
    may be a coroutine function.

    Example::

        verifier = AsyncCognitoJwtVerifier(pool_id, token_use="access", client_id=client_id)
        await verifier.hydrate()
        claims = await verifier.verify(token)
    """

    def __init__(
        self,
        user_pool_id: str,
        *,
        http_client: httpx.AsyncClient | None = None,
        **settings: Any,
    ) -> None:
        super().__init__(user_pool_id, **settings)
        self._jwks = AsyncJwksClient(self.jwks_cache, http_client)

    async def verify(self, token: str, **overrides: Any) -> Claims:
        """Verify ``token`` and return its claims (see :meth:`CognitoJwtVerifier.verify`)."""
        options = self._options(overrides)
        jwt, kid = self._prepare(token)
        jwk = await self._jwks.get_jwk(self.jwks_uri, kid)
        self._check(jwt, jwk, options)
        if options.custom_check is not None:
            _refuse_false(await self._await_custom(jwt, jwk, options.custom_check))
        return jwt.payload

    async def _await_custom(self, jwt: _jwt.DecomposedJwt, jwk: Jwk, check: CustomCheck) -> Any:
        result = self._call_custom(jwt, jwk, check)
        if not inspect.isawaitable(result):
            return result
        try:
            return await result
        except JwtVerificationError:
            raise
        except Exception as exc:
            raise _custom_failure(exc) from exc

    async def verify_session(self, session: CognitoUserSession) -> tuple[Claims, Claims]:
        """Verify a session's ID and access tokens; returns ``(id_claims, access_claims)``."""
        id_claims = await self.verify(session.id_token.jwt_token, token_use="id")
        access_claims = await self.verify(session.access_token.jwt_token, token_use="access")
        return id_claims, access_claims

    async def hydrate(self) -> None:
        """Fetch the JWKS now (at startup), so the first verification does not wait."""
        await self._jwks.fetch(self.jwks_uri)

    async def aclose(self) -> None:
        """Close the httpx client if the verifier made it."""
        await self._jwks.aclose()

    async def __aenter__(self) -> AsyncCognitoJwtVerifier:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.aclose()


__all__ = [
    "AsyncCognitoJwtVerifier",
    "CognitoJwtVerifier",
    "CustomCheck",
    "Jwk",
    "JwksCache",
    "VerifyOptions",
    "cognito_issuer",
    *_error_names,
]
