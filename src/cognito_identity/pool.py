"""The user pool as seen from an app client: :class:`CognitoUserPool`."""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any, TypeVar

import httpx

from ._flows import AuthContext, Flow, run_sync
from ._transport import DEFAULT_TIMEOUT, RetryPolicy, Transport
from ._wire import Call, default_endpoint, region_of, validate_pool_id
from .attributes import AttributesInput, attributes_to_wire
from .protocol.secret_hash import secret_hash
from .storage import MemoryStorage, Storage, StorageKeys
from .tokens import Clock
from .user import CognitoUser

T = TypeVar("T")


@dataclass(frozen=True)
class SignUpResult:
    """What :meth:`CognitoUserPool.sign_up` returns.

    Attributes:
        user: the new user, bound to the pool and its storage.
        user_confirmed: whether the user can sign in already (no code needed).
        user_sub: the user's ``sub``, the id that never changes.
        code_delivery_details: where the confirmation code went (``Destination``,
            ``DeliveryMedium``, ``AttributeName``), if one was sent.
    """

    user: CognitoUser
    user_confirmed: bool
    user_sub: str | None
    code_delivery_details: Mapping[str, Any] | None = field(default=None)


class CognitoUserPool:
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
        timeout: httpx.Timeout = DEFAULT_TIMEOUT,
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
        self._transport = Transport(self._endpoint, http_client, retry=retry, timeout=timeout)

    def __repr__(self) -> str:
        return f"CognitoUserPool({self._user_pool_id!r}, {self._client_id!r}, {self._endpoint!r})"

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

    def sign_up(
        self,
        username: str,
        password: str,
        attributes: AttributesInput | None = None,
        validation_data: AttributesInput | None = None,
        client_metadata: Mapping[str, str] | None = None,
    ) -> SignUpResult:
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
        answer = self._call(
            "SignUp",
            self._sign_up_payload(username, password, attributes, validation_data, client_metadata),
        )
        return SignUpResult(
            user=CognitoUser(username, self),
            user_confirmed=bool(answer.get("UserConfirmed")),
            user_sub=answer.get("UserSub"),
            code_delivery_details=answer.get("CodeDeliveryDetails"),
        )

    def _sign_up_payload(
        self,
        username: str,
        password: str,
        attributes: AttributesInput | None,
        validation_data: AttributesInput | None,
        client_metadata: Mapping[str, str] | None,
    ) -> dict[str, Any]:
        return {
            "ClientId": self._client_id,
            "Username": username,
            "Password": password,
            "UserAttributes": attributes_to_wire(attributes),
            "ValidationData": attributes_to_wire(validation_data),
            "ClientMetadata": client_metadata,
            "SecretHash": self._secret_hash(username),
        }

    def get_current_user(self) -> CognitoUser | None:
        """The user who signed in last on this pool's storage, or ``None``.

        No network call, and no check that a session exists: call
        :meth:`CognitoUser.get_session` for that.
        """
        username = self.storage.get_item(self.storage_keys.last_auth_user)
        return CognitoUser(username, self) if username else None

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

    # Internal API for CognitoUser: one place that knows the transport and the secret.

    def _secret_hash(self, username: str) -> str | None:
        if self._client_secret is None:
            return None
        return secret_hash(username, self._client_id, self._client_secret)

    def _auth_context(self) -> AuthContext:
        return AuthContext(
            client_id=self._client_id,
            pool_name=self.get_user_pool_name(),
            client_secret=self._client_secret,
            clock=self.clock,
        )

    def _call(self, operation: str, payload: Mapping[str, Any]) -> dict[str, Any]:
        return self._transport.send(Call(operation, payload))

    def _run(self, flow: Flow[T]) -> T:
        return run_sync(flow, self._transport)
