"""The user pool as seen from an app client: :class:`CognitoUserPool` and its async twin
:class:`AsyncCognitoUserPool`.

Both are thin twins over :class:`BaseCognitoUserPool`, which holds the settings and every
step as a sans-I/O flow; the twins only own a transport and drive the flows with it.
"""

from __future__ import annotations

import abc
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._flows import AuthContext, Flow, registration, run_async, run_sync
from ._transport import DEFAULT_TIMEOUT, AsyncTransport, RetryPolicy, Transport
from ._wire import default_endpoint, region_of, validate_pool_id
from .async_user import AsyncCognitoUser
from .attributes import AttributesInput
from .storage import MemoryStorage, Storage, StorageKeys
from .tokens import Clock
from .user import CognitoUser

if TYPE_CHECKING:
    import httpx

    from ._user_base import BaseCognitoUser

T = TypeVar("T")
#: The user twin a pool makes.
U = TypeVar("U", bound="BaseCognitoUser[Any]")
Metadata = Mapping[str, str] | None


@dataclass(frozen=True)
class SignUpResult(Generic[U]):
    """What ``sign_up`` returns.

    Attributes:
        user: the new user, bound to the pool and its storage (a :class:`CognitoUser`, or an
            :class:`AsyncCognitoUser` from :class:`AsyncCognitoUserPool`).
        user_confirmed: whether the user can sign in already (no code needed).
        user_sub: the user's ``sub``, the id that never changes.
        code_delivery_details: where the confirmation code went (``Destination``,
            ``DeliveryMedium``, ``AttributeName``), if one was sent.
    """

    user: U
    user_confirmed: bool
    user_sub: str | None
    code_delivery_details: Mapping[str, Any] | None = field(default=None)


class BaseCognitoUserPool(abc.ABC, Generic[U]):
    """What both pool twins share: ids, endpoint, storage, clock, secret, and the steps.

    See :class:`CognitoUserPool` for the arguments.
    """

    def __init__(
        self,
        user_pool_id: str,
        client_id: str,
        endpoint: str | None = None,
        storage: Storage | None = None,
        *,
        client_secret: str | None = None,
        clock: Clock | None = None,
    ) -> None:
        if not user_pool_id or not client_id:
            raise ValueError("Both UserPoolId and ClientId are required.")
        validate_pool_id(user_pool_id)
        self._user_pool_id = user_pool_id
        self._client_id = client_id
        self._endpoint = endpoint or default_endpoint(region_of(user_pool_id))
        self._client_secret = client_secret
        self.storage: Storage = storage if storage is not None else MemoryStorage()
        self.clock: Clock = clock or time.time
        self.storage_keys = StorageKeys(client_id)

    def __repr__(self) -> str:
        ids = f"{self._user_pool_id!r}, {self._client_id!r}, {self._endpoint!r}"
        return f"{type(self).__name__}({ids})"

    @abc.abstractmethod
    def _make_user(self, username: str) -> U:
        """A user of this pool, of the twin's user class."""

    @property
    def user_pool_id(self) -> str:
        """The pool id."""
        return self._user_pool_id

    @property
    def client_id(self) -> str:
        """The app client id."""
        return self._client_id

    @property
    def region(self) -> str:
        """The region: the pool id's text before the first ``_``."""
        return region_of(self._user_pool_id)

    @property
    def endpoint(self) -> str:
        """The URL every call is POSTed to."""
        return self._endpoint

    @property
    def has_client_secret(self) -> bool:
        """Whether SECRET_HASH is sent (the secret itself is never exposed)."""
        return self._client_secret is not None

    def get_user_pool_id(self) -> str:
        """The pool id (JS ``getUserPoolId``)."""
        return self._user_pool_id

    def get_user_pool_name(self) -> str:
        """The part of the pool id after ``_`` (JS ``getUserPoolName``; used by SRP)."""
        return self._user_pool_id.split("_", 1)[1]

    def get_client_id(self) -> str:
        """The app client id (JS ``getClientId``)."""
        return self._client_id

    def get_current_user(self) -> U | None:
        """The user who signed in last on this pool's storage, or ``None``.

        No network call, and no check that a session exists: call ``get_session`` for that.
        """
        username = self.storage.get_item(self.storage_keys.last_auth_user)
        return self._make_user(username) if username else None

    def _sign_up_flow(
        self,
        username: str,
        password: str,
        attributes: AttributesInput | None,
        validation_data: AttributesInput | None,
        client_metadata: Metadata,
    ) -> Flow[SignUpResult[U]]:
        flow = registration.sign_up(
            self._auth_context(), username, password, attributes, validation_data, client_metadata
        )
        answer = yield from flow
        return SignUpResult(
            user=self._make_user(username),
            user_confirmed=bool(answer.get("UserConfirmed")),
            user_sub=answer.get("UserSub"),
            code_delivery_details=answer.get("CodeDeliveryDetails"),
        )

    def _auth_context(self) -> AuthContext:
        """What every flow needs to know about this pool and app client."""
        return AuthContext(
            client_id=self._client_id,
            pool_name=self.get_user_pool_name(),
            client_secret=self._client_secret,
            clock=self.clock,
        )


class CognitoUserPool(BaseCognitoUserPool[CognitoUser]):
    """A user pool and one of its app clients: sign-up, the current user, shared settings.

    Args:
        user_pool_id: ``<region>_<id>``, such as ``us-east-1_AbC123``.
        client_id: the app client id.
        endpoint: full URL to call instead of ``https://cognito-idp.<region>.amazonaws.com/``
            (a local server, a proxy, a FIPS endpoint).
        storage: where tokens are kept (default: a new :class:`MemoryStorage` for this pool).
        client_secret: the app client's secret, for clients made with one (server-side apps);
            SECRET_HASH is then sent on every call that needs it.
        http_client: an ``httpx.Client`` to send with (kept open by the pool).
        retry: the :class:`RetryPolicy` (default: a few retries of network errors, 5xx and
            throttling only).
        clock: seconds since the epoch, used for token expiry and SRP timestamps.
        timeout: timeout of the httpx client the pool makes.

    Raises:
        ValueError: ``'Both UserPoolId and ClientId are required.'`` or
            ``'Invalid UserPoolId format.'``

    Example::

        with CognitoUserPool("us-east-1_AbC123", "1example23456789") as pool:
            result = pool.sign_up("alice", "Corr3ct-Horse!", {"email": "alice@example.com"})
    """

    def __init__(
        self,
        user_pool_id: str,
        client_id: str,
        endpoint: str | None = None,
        storage: Storage | None = None,
        *,
        client_secret: str | None = None,
        http_client: httpx.Client | None = None,
        retry: RetryPolicy | None = None,
        clock: Clock | None = None,
        timeout: httpx.Timeout | tuple[float, float] = DEFAULT_TIMEOUT,
    ) -> None:
        super().__init__(
            user_pool_id, client_id, endpoint, storage, client_secret=client_secret, clock=clock
        )
        self._transport = Transport(self._endpoint, http_client, retry=retry, timeout=timeout)

    def _make_user(self, username: str) -> CognitoUser:
        return CognitoUser(username, self)

    def sign_up(
        self,
        username: str,
        password: str,
        attributes: AttributesInput | None = None,
        validation_data: AttributesInput | None = None,
        client_metadata: Metadata = None,
    ) -> SignUpResult[CognitoUser]:
        """Register a new user (SignUp).

        Args:
            username: the user name (or email/phone when the pool uses them as user names).
            password: the password, checked against the pool's policy.
            attributes: a list of :class:`CognitoUserAttribute` or a ``{name: value}`` dict.
            validation_data: the same shapes, for the pre sign-up Lambda.
            client_metadata: input for the pool's Lambda triggers.

        Raises:
            UsernameExistsException, InvalidPasswordException, InvalidParameterException, ...:
                the pool's refusal, as a :class:`~cognito_identity.errors.CognitoServiceError`.

        Example::

            result = pool.sign_up("alice", "Corr3ct-Horse!", {"email": "alice@example.com"})
            result.user.confirm_registration(code_from_email)
        """
        flow = self._sign_up_flow(username, password, attributes, validation_data, client_metadata)
        return self._run(flow)

    def close(self) -> None:
        """Close the HTTP client the pool made (a client passed in is left open)."""
        self._transport.close()

    def __enter__(self) -> CognitoUserPool:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def _run(self, flow: Flow[T]) -> T:
        return run_sync(flow, self._transport)


class AsyncCognitoUserPool(BaseCognitoUserPool[AsyncCognitoUser]):
    """The async twin of :class:`CognitoUserPool`, over ``httpx.AsyncClient``.

    Same arguments, except ``http_client`` (an ``httpx.AsyncClient``, kept open by the pool).
    One pool can serve every request of an asyncio app (FastAPI, Starlette): it holds no
    per-user state, and its HTTP client pools connections. Storage is called synchronously
    (see :mod:`cognito_identity.storage`).

    Example::

        async with AsyncCognitoUserPool("us-east-1_AbC123", "1example23456789") as pool:
            result = await pool.sign_up("alice", "Corr3ct-Horse!", {"email": "a@example.com"})
            await result.user.confirm_registration(code_from_email)
    """

    def __init__(
        self,
        user_pool_id: str,
        client_id: str,
        endpoint: str | None = None,
        storage: Storage | None = None,
        *,
        client_secret: str | None = None,
        http_client: httpx.AsyncClient | None = None,
        retry: RetryPolicy | None = None,
        clock: Clock | None = None,
        timeout: httpx.Timeout | tuple[float, float] = DEFAULT_TIMEOUT,
    ) -> None:
        super().__init__(
            user_pool_id, client_id, endpoint, storage, client_secret=client_secret, clock=clock
        )
        self._transport = AsyncTransport(self._endpoint, http_client, retry=retry, timeout=timeout)

    def _make_user(self, username: str) -> AsyncCognitoUser:
        return AsyncCognitoUser(username, self)

    async def sign_up(
        self,
        username: str,
        password: str,
        attributes: AttributesInput | None = None,
        validation_data: AttributesInput | None = None,
        client_metadata: Metadata = None,
    ) -> SignUpResult[AsyncCognitoUser]:
        """Register a new user (see :meth:`CognitoUserPool.sign_up`)."""
        flow = self._sign_up_flow(username, password, attributes, validation_data, client_metadata)
        return await self._run(flow)

    async def aclose(self) -> None:
        """Close the HTTP client the pool made (a client passed in is left open)."""
        await self._transport.aclose()

    async def __aenter__(self) -> AsyncCognitoUserPool:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.aclose()

    async def _run(self, flow: Flow[T]) -> T:
        return await run_async(flow, self._transport)
