"""AWS credentials from a Cognito identity pool for a signed-in user (JS README use case 17).

The identity pool trades the user pool's ID token for temporary AWS credentials: ``GetId``
(once: the user's identity id in the pool) then ``GetCredentialsForIdentity``. Both are public
calls of the ``cognito-identity`` service (AWS JSON 1.1, target ``AWSCognitoIdentityService``):
nothing is signed, the ID token is the proof.

Example::

    from cognito_identity import CognitoIdentityCredentials

    provider = f"cognito-idp.us-east-1.amazonaws.com/{user_pool_id}"
    credentials = CognitoIdentityCredentials(
        "us-east-1:1a2b3c4d-...", {provider: session.id_token.jwt_token}
    )
    s3 = credentials.boto3_session().client("s3")     # refreshed before they expire
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

from ._flows import Flow, run_async, run_sync
from ._transport import AsyncTransport, RetryPolicy, Transport
from ._wire import IDENTITY_TARGET_PREFIX, Call
from .errors import InvalidResponseError
from .tokens import decode_jwt_payload

if TYPE_CHECKING:
    import asyncio

    import httpx

if TYPE_CHECKING:
    import boto3
    from botocore.credentials import RefreshableCredentials

#: Credentials are fetched again when they have less than this many seconds left.
DEFAULT_REFRESH_MARGIN = 300.0
Logins = Mapping[str, str]


@dataclass(frozen=True)
class IdentityCredentials:
    """Temporary AWS credentials of one identity (``GetCredentialsForIdentity``).

    Attributes:
        access_key_id: ``ASIA...`` (``ASIALOCAL...`` from the local server).
        secret_key / session_token: the secret parts (hidden from ``repr``).
        expiration: when they stop working (UTC).
        identity_id: ``<region>:<uuid>``, the user's identity in the pool.
    """

    access_key_id: str
    secret_key: str = field(repr=False)
    session_token: str = field(repr=False)
    expiration: datetime
    identity_id: str

    def expires_within(self, seconds: float, now: float) -> bool:
        """Whether they expire less than ``seconds`` after ``now`` (POSIX seconds)."""
        return self.expiration.timestamp() - now < seconds


def logins_for(id_token: str) -> dict[str, str]:
    """``{"<issuer without scheme>": id_token}``: the ``Logins`` map for a user pool ID token.

    The provider name is the token's ``iss`` without ``https://`` (or ``http://`` for the local
    server), e.g. ``cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123``.

    Raises:
        ValueError: the token has no ``iss`` claim.
    """
    issuer = decode_jwt_payload(id_token).get("iss")
    if not isinstance(issuer, str) or not issuer:
        raise ValueError("the ID token has no 'iss' claim")
    return {issuer.split("://", 1)[-1]: id_token}


def _expiration(value: Any) -> datetime:
    # JSON 1.1 carries timestamps as epoch seconds; ISO text is accepted too.
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, timezone.utc)
    if isinstance(value, str):
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
        return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    raise InvalidResponseError(f"Expiration {value!r} is not a timestamp")


def parse_credentials(response: Mapping[str, Any], identity_id: str) -> IdentityCredentials:
    """:class:`IdentityCredentials` from a ``GetCredentialsForIdentity`` answer.

    Raises:
        InvalidResponseError: a member is missing.
    """
    found = response.get("Credentials")
    names = ("AccessKeyId", "SecretKey", "SessionToken")
    if not isinstance(found, Mapping) or not all(isinstance(found.get(n), str) for n in names):
        raise InvalidResponseError("GetCredentialsForIdentity answer lacks Credentials")
    return IdentityCredentials(
        found["AccessKeyId"],
        found["SecretKey"],
        found["SessionToken"],
        _expiration(found.get("Expiration")),
        str(response.get("IdentityId") or identity_id),
    )


class BaseIdentityCredentials:
    """What both credential twins share: the pool, the logins, the cache, and the two calls
    as sans-I/O flows (see :mod:`cognito_identity._flows`). See
    :class:`CognitoIdentityCredentials` for the arguments."""

    def __init__(
        self,
        identity_pool_id: str,
        logins: Logins | Callable[[], Logins] | None = None,
        *,
        endpoint: str | None = None,
        region: str | None = None,
        identity_id: str | None = None,
        clock: Callable[[], float] | None = None,
        refresh_margin: float = DEFAULT_REFRESH_MARGIN,
    ) -> None:
        self.identity_pool_id = identity_pool_id
        self.region = region or identity_pool_id.split(":", 1)[0]
        self.endpoint = endpoint or f"https://cognito-identity.{self.region}.amazonaws.com/"
        self.identity_id = identity_id
        self.refresh_margin = refresh_margin
        self._logins = logins
        self._clock = clock or time.time
        self._cached: IdentityCredentials | None = None

    def _current_logins(self) -> dict[str, str] | None:
        logins = self._logins() if callable(self._logins) else self._logins
        return dict(logins) if logins else None

    def _fresh(self) -> IdentityCredentials | None:
        """The cached credentials, unless they expire within ``refresh_margin``."""
        cached = self._cached
        if cached is None or cached.expires_within(self.refresh_margin, self._clock()):
            return None
        return cached

    def _get_id_flow(self) -> Flow[str]:
        if self.identity_id is None:
            payload = {"IdentityPoolId": self.identity_pool_id, "Logins": self._current_logins()}
            answer = yield Call("GetId", payload, IDENTITY_TARGET_PREFIX)
            if not isinstance(answer.get("IdentityId"), str):
                raise InvalidResponseError("GetId answer lacks IdentityId")
            self.identity_id = answer["IdentityId"]
        return self.identity_id

    def _fetch_flow(self) -> Flow[IdentityCredentials]:
        identity_id = yield from self._get_id_flow()
        payload = {"IdentityId": identity_id, "Logins": self._current_logins()}
        answer = yield Call("GetCredentialsForIdentity", payload, IDENTITY_TARGET_PREFIX)
        self._cached = parse_credentials(answer, identity_id)
        return self._cached


class CognitoIdentityCredentials(BaseIdentityCredentials):
    """Temporary AWS credentials for the holder of ``logins``, cached and refreshed.

    Args:
        identity_pool_id: ``<region>:<uuid>``.
        logins: ``{provider name: ID token}`` (see :func:`logins_for`), or a callable returning
            it, called on every fetch (so it can hand out a refreshed token); ``None`` or
            ``{}`` for an unauthenticated identity, if the pool allows it.
        endpoint: the ``cognito-identity`` endpoint (default AWS's for the region; the local
            server's URL for tests).
        region: default: the part of the pool id before ``:``.
        identity_id: an identity id already known (skips ``GetId``).
        http_client: an httpx client to use (kept open).
        clock: seconds since the epoch (tests inject a fake).
        refresh_margin: credentials with less life than this are fetched again.
        retry: the retry policy of the calls.

    Raises (from the calls):
        NotAuthorizedException: the token is invalid, expired, or not accepted by the pool.
        ResourceNotFoundException: no such identity pool.
    """

    def __init__(
        self,
        identity_pool_id: str,
        logins: Logins | Callable[[], Logins] | None = None,
        *,
        endpoint: str | None = None,
        region: str | None = None,
        identity_id: str | None = None,
        http_client: httpx.Client | None = None,
        clock: Callable[[], float] | None = None,
        refresh_margin: float = DEFAULT_REFRESH_MARGIN,
        retry: RetryPolicy | None = None,
    ) -> None:
        super().__init__(
            identity_pool_id,
            logins,
            endpoint=endpoint,
            region=region,
            identity_id=identity_id,
            clock=clock,
            refresh_margin=refresh_margin,
        )
        self._transport = Transport(self.endpoint, http_client, retry=retry)
        self._lock = threading.Lock()

    def set_logins(self, logins: Logins | Callable[[], Logins] | None) -> None:
        """Use new logins (a refreshed ID token); the cached credentials are dropped."""
        with self._lock:
            self._logins = logins
            self._cached = None

    def get_id(self) -> str:
        """The identity id (``GetId`` on first use, then cached)."""
        return run_sync(self._get_id_flow(), self._transport)

    def get_credentials(self) -> IdentityCredentials:
        """The credentials: cached ones unless they expire within ``refresh_margin``."""
        with self._lock:
            fresh = self._fresh()
            return fresh if fresh is not None else self._fetch()

    def refresh(self) -> IdentityCredentials:
        """Fetch new credentials now, whatever the cache holds."""
        with self._lock:
            return self._fetch()

    def _fetch(self) -> IdentityCredentials:
        return run_sync(self._fetch_flow(), self._transport)

    def _botocore_metadata(self, credentials: IdentityCredentials) -> dict[str, str]:
        return {
            "access_key": credentials.access_key_id,
            "secret_key": credentials.secret_key,
            "token": credentials.session_token,
            "expiry_time": credentials.expiration.isoformat(),
        }

    def botocore_credentials(self) -> RefreshableCredentials:
        """botocore ``RefreshableCredentials`` that fetch new credentials when botocore asks.

        botocore refreshes 15 minutes before expiry (10 minutes at the latest), on this
        object's clock. Needs botocore (imported here, not with the package).
        """
        from botocore.credentials import RefreshableCredentials

        first = self.get_credentials()
        return RefreshableCredentials(
            first.access_key_id,
            first.secret_key,
            first.session_token,
            first.expiration,
            lambda: self._botocore_metadata(self.refresh()),
            "cognito-identity",
            time_fetcher=lambda: datetime.fromtimestamp(self._clock(), timezone.utc),
        )

    def boto3_session(self, region_name: str | None = None) -> boto3.Session:
        """A ``boto3.Session`` whose clients sign with these (auto-refreshed) credentials.

        Args:
            region_name: the session's region (default: the identity pool's).

        Example::

            s3 = credentials.boto3_session().client("s3")
        """
        import boto3
        import botocore.session

        core = botocore.session.get_session()
        resolver = core.get_component("credential_provider")
        resolver.insert_before("env", _Provider(self.botocore_credentials))
        return boto3.Session(botocore_session=core, region_name=region_name or self.region)

    def close(self) -> None:
        """Close the httpx client if this object made it."""
        self._transport.close()

    def __enter__(self) -> CognitoIdentityCredentials:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


class AsyncCognitoIdentityCredentials(BaseIdentityCredentials):
    """The async twin of :class:`CognitoIdentityCredentials` (without the boto3 helpers,
    boto3 being sync); ``http_client`` is an ``httpx.AsyncClient``.

    Concurrent :meth:`get_credentials` calls share one fetch.

    Example::

        async with AsyncCognitoIdentityCredentials(identity_pool_id, logins) as credentials:
            aws = await credentials.get_credentials()
    """

    def __init__(
        self,
        identity_pool_id: str,
        logins: Logins | Callable[[], Logins] | None = None,
        *,
        endpoint: str | None = None,
        region: str | None = None,
        identity_id: str | None = None,
        http_client: httpx.AsyncClient | None = None,
        clock: Callable[[], float] | None = None,
        refresh_margin: float = DEFAULT_REFRESH_MARGIN,
        retry: RetryPolicy | None = None,
    ) -> None:
        super().__init__(
            identity_pool_id,
            logins,
            endpoint=endpoint,
            region=region,
            identity_id=identity_id,
            clock=clock,
            refresh_margin=refresh_margin,
        )
        self._transport = AsyncTransport(self.endpoint, http_client, retry=retry)
        self._lock: asyncio.Lock | None = None  # made on first use: asyncio loads lazily

    def set_logins(self, logins: Logins | Callable[[], Logins] | None) -> None:
        """Use new logins (a refreshed ID token); the cached credentials are dropped."""
        self._logins = logins
        self._cached = None

    async def get_id(self) -> str:
        """The identity id (``GetId`` on first use, then cached)."""
        return await run_async(self._get_id_flow(), self._transport)

    async def get_credentials(self) -> IdentityCredentials:
        """The credentials: cached ones unless they expire within ``refresh_margin``."""
        async with self._locked():
            fresh = self._fresh()
            return fresh if fresh is not None else await self._fetch()

    async def refresh(self) -> IdentityCredentials:
        """Fetch new credentials now, whatever the cache holds."""
        async with self._locked():
            return await self._fetch()

    async def _fetch(self) -> IdentityCredentials:
        return await run_async(self._fetch_flow(), self._transport)

    def _locked(self) -> asyncio.Lock:
        if self._lock is None:
            import asyncio

            self._lock = asyncio.Lock()
        return self._lock

    async def aclose(self) -> None:
        """Close the httpx client if this object made it."""
        await self._transport.aclose()

    async def __aenter__(self) -> AsyncCognitoIdentityCredentials:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


class _Provider:
    """A botocore credential provider (duck-typed) that comes first in the chain."""

    METHOD = "cognito-identity"
    CANONICAL_NAME = "CognitoIdentity"

    def __init__(self, load: Callable[[], RefreshableCredentials]) -> None:
        self.load = load
