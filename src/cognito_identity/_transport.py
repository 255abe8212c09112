"""Transports: send one :class:`~._wire.Call` over httpx and return the decoded answer.

:class:`Transport` (sync, over ``httpx.Client``) and :class:`AsyncTransport` (over
``httpx.AsyncClient``) are thin twins over the pure pieces: :mod:`._wire` for the format and
:class:`RetryPolicy` for when to try again. Pass your own client (``http_client=``) to add
proxies, custom TLS, or an in-process ASGI app such as starlette's ``TestClient``; a client
passed in is never closed by the SDK.
"""

from __future__ import annotations

import random
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    # httpx (and the asyncio it pulls in) is imported on first use, not with the package:
    # it is most of ``import cognito_identity``'s cost.
    import httpx

from ._wire import USER_AGENT, Call, decode_response, encode_request
from .errors import CognitoError, NetworkError

#: Error codes that mean "slow down" or "try again": the same call may well succeed a little
#: later. Cognito's own, plus the generic AWS ones a proxy or gateway in front of it may send
#: (botocore's list). ``LimitExceededException`` is not here: Cognito uses it for a per-user
#: attempt limit that lasts far longer than any retry would wait.
THROTTLING_CODES = frozenset(
    {
        "TooManyRequestsException",
        "ThrottlingException",
        "Throttling",
        "ThrottledException",
        "RequestThrottledException",
        "RequestThrottled",
        "RequestLimitExceeded",
        "SlowDown",
        "PriorRequestNotComplete",
        "RequestTimeout",
        "RequestTimeoutException",
        "InternalErrorException",
    }
)
#: HTTP statuses below 500 that are worth another try: 408 (request timeout), 429 (too many).
RETRYABLE_STATUSES = frozenset({408, 429})
#: Seconds: (total per phase, connect) of the client made by a transport.
DEFAULT_TIMEOUT = (10.0, 5.0)


def _make_timeout(timeout: httpx.Timeout | tuple[float, float]) -> httpx.Timeout:
    import httpx

    if isinstance(timeout, tuple):
        return httpx.Timeout(timeout[0], connect=timeout[1])
    return timeout


@dataclass(frozen=True)
class RetryPolicy:
    """When and how long to wait before sending a failed call again.

    Only errors that can succeed on a second try are retried: no answer at all
    (:class:`~cognito_identity.errors.NetworkError`), HTTP 5xx, 408 and 429, and the throttling
    codes of :data:`THROTTLING_CODES`. Any other 4xx, such as ``NotAuthorizedException`` or
    ``CodeMismatchException``, is never retried (the JS library retries its refresh and
    revocation calls on every error; that is a defect).

    Waits grow exponentially with jitter: before attempt ``n + 1`` the wait is drawn from
    ``[c / 2, c]`` where ``c = min(max_delay, base_delay * 2 ** (n - 1))``.

    Args:
        max_attempts: attempts in all, the first included (1 turns retrying off).
        base_delay: seconds of the first wait's ceiling.
        max_delay: cap on any single wait, in seconds.
        total_time: no retry is started if it would end later than this after the first attempt.
        sleep: how to wait (tests pass a recorder).
        random: a float in ``[0, 1)`` for the jitter.
        monotonic: clock for ``total_time``.

    Example::

        pool = CognitoUserPool(pool_id, client_id, retry=RetryPolicy(max_attempts=6))
    """

    max_attempts: int = 4
    base_delay: float = 0.1
    max_delay: float = 2.0
    total_time: float = 10.0
    sleep: Callable[[float], None] = field(default=time.sleep, repr=False, compare=False)
    random: Callable[[], float] = field(default=random.random, repr=False, compare=False)
    monotonic: Callable[[], float] = field(default=time.monotonic, repr=False, compare=False)

    @classmethod
    def never(cls) -> RetryPolicy:
        """A policy that makes exactly one attempt."""
        return cls(max_attempts=1)

    def is_retryable(self, error: CognitoError) -> bool:
        """Whether ``error`` could go away if the same call is sent again."""
        if isinstance(error, NetworkError):
            return True
        status = error.status_code
        if status is not None and (status >= 500 or status in RETRYABLE_STATUSES):
            return True
        return error.code in THROTTLING_CODES

    def backoff(self, attempt: int) -> float:
        """Seconds to wait after failed attempt number ``attempt`` (1-based)."""
        ceiling = min(self.max_delay, self.base_delay * 2.0 ** (attempt - 1))
        return ceiling / 2 + self.random() * ceiling / 2

    def next_delay(self, attempt: int, error: CognitoError, elapsed: float) -> float | None:
        """The wait before the next attempt, or ``None`` to give up and raise ``error``."""
        if attempt >= self.max_attempts or not self.is_retryable(error):
            return None
        delay = self.backoff(attempt)
        return None if elapsed + delay > self.total_time else delay


class Sender(Protocol):
    """Anything that sends a call and returns the decoded answer (a sync transport)."""

    def send(self, call: Call) -> dict[str, Any]: ...


class AsyncSender(Protocol):
    """The async twin of :class:`Sender`."""

    async def send(self, call: Call) -> dict[str, Any]: ...


def network_error(endpoint: str, exc: httpx.TransportError) -> NetworkError:
    """A :class:`NetworkError` naming the endpoint and what went wrong."""
    reason = str(exc) or type(exc).__name__
    return NetworkError(f"Network error calling {endpoint}: {type(exc).__name__}: {reason}")


def _decode(response: httpx.Response) -> dict[str, Any]:
    return decode_response(response.status_code, response.headers, response.content)


class _BaseTransport:
    """What both transports share: endpoint, retry policy, user agent, client ownership."""

    def __init__(self, endpoint: str, *, retry: RetryPolicy | None, user_agent: str) -> None:
        self.endpoint = endpoint
        self.retry = retry if retry is not None else RetryPolicy()
        self.user_agent = user_agent

    def _encode(self, call: Call) -> tuple[dict[str, str], bytes]:
        return encode_request(call, self.user_agent)

    def _delay_or_raise(self, attempt: int, error: CognitoError, started: float) -> float:
        delay = self.retry.next_delay(attempt, error, self.retry.monotonic() - started)
        if delay is None:
            raise error
        return delay


class Transport(_BaseTransport):
    """Sends calls with a sync ``httpx.Client``.

    Args:
        endpoint: the full URL calls are POSTed to.
        http_client: a client to use (kept open); by default one is made on first use and
            closed by :meth:`close`.
        retry: the retry policy (default :class:`RetryPolicy`).
        timeout: timeout of the client made here (ignored when ``http_client`` is given).
        user_agent: the ``X-Amz-User-Agent`` value.
    """

    def __init__(
        self,
        endpoint: str,
        http_client: httpx.Client | None = None,
        *,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | tuple[float, float] = DEFAULT_TIMEOUT,
        user_agent: str = USER_AGENT,
    ) -> None:
        super().__init__(endpoint, retry=retry, user_agent=user_agent)
        self._client = http_client
        self._owns_client = http_client is None
        self._timeout = timeout

    def send(self, call: Call) -> dict[str, Any]:
        """Send ``call``, retrying as the policy allows, and return the answer's JSON object.

        Raises:
            CognitoServiceError: the service's error (its subclass for the code).
            NetworkError: no answer after the last attempt.
            InvalidResponseError: the answer was not Cognito JSON.
        """
        started = self.retry.monotonic()
        attempt = 1
        while True:
            try:
                return self._send_once(call)
            except CognitoError as error:
                self.retry.sleep(self._delay_or_raise(attempt, error, started))
            attempt += 1

    def _send_once(self, call: Call) -> dict[str, Any]:
        import httpx

        headers, body = self._encode(call)
        try:
            response = self._http().post(self.endpoint, content=body, headers=headers)
        except httpx.TransportError as exc:
            raise network_error(self.endpoint, exc) from exc
        return _decode(response)

    def _http(self) -> httpx.Client:
        if self._client is None:
            import httpx

            self._client = httpx.Client(timeout=_make_timeout(self._timeout))
        return self._client

    def close(self) -> None:
        """Close the httpx client if this transport made it."""
        if self._owns_client and self._client is not None:
            self._client.close()
            self._client = None


class AsyncTransport(_BaseTransport):
    """The async twin of :class:`Transport`, over ``httpx.AsyncClient``.

    ``sleep`` is awaited between attempts (the policy's own ``sleep`` is for sync code).
    """

    def __init__(
        self,
        endpoint: str,
        http_client: httpx.AsyncClient | None = None,
        *,
        retry: RetryPolicy | None = None,
        timeout: httpx.Timeout | tuple[float, float] = DEFAULT_TIMEOUT,
        user_agent: str = USER_AGENT,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        super().__init__(endpoint, retry=retry, user_agent=user_agent)
        self._client = http_client
        self._owns_client = http_client is None
        self._timeout = timeout
        self._sleep = sleep

    async def send(self, call: Call) -> dict[str, Any]:
        """Send ``call`` (see :meth:`Transport.send`)."""
        started = self.retry.monotonic()
        attempt = 1
        while True:
            try:
                return await self._send_once(call)
            except CognitoError as error:
                await self._pause(self._delay_or_raise(attempt, error, started))
            attempt += 1

    async def _pause(self, seconds: float) -> None:
        if self._sleep is not None:
            await self._sleep(seconds)
        else:
            import asyncio

            await asyncio.sleep(seconds)

    async def _send_once(self, call: Call) -> dict[str, Any]:
        import httpx

        headers, body = self._encode(call)
        try:
            response = await self._http().post(self.endpoint, content=body, headers=headers)
        except httpx.TransportError as exc:
            raise network_error(self.endpoint, exc) from exc
        return _decode(response)

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            import httpx

            self._client = httpx.AsyncClient(timeout=_make_timeout(self._timeout))
        return self._client

    async def aclose(self) -> None:
        """Close the httpx client if this transport made it."""
        if self._owns_client and self._client is not None:
            await self._client.aclose()
            self._client = None
