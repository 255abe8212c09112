"""What :class:`~cognito_identity.CognitoUser` and :class:`~cognito_identity.AsyncCognitoUser`
share: every step of every method, written once as a generator of calls.

The twins only drive these generators, the sync one with
:func:`~cognito_identity._flows.run_sync`, the async one with
:func:`~cognito_identity._flows.run_async` (the shape of httpx's ``BaseClient`` / ``Client`` /
``AsyncClient``). The convention: the public method ``x`` of both twins is
``self._run(self._x_flow(...))``, so a method is added by writing ``_x_flow`` here (or in one of
the mixins) and two one-line twins.

The generators keep the state between calls (session, waiting challenge, storage): reading and
writing storage happens between two network calls, synchronously, on both twins (see
:mod:`cognito_identity.storage` on why storage stays synchronous). Pure protocol steps live in
:mod:`cognito_identity._flows`; this layer decides what to cache and when.

The parts: this module (state, registration, sign-in with its device steps, session),
:mod:`._user_account` (profile, attributes, passwords, sign-out), :mod:`._user_challenges`
(challenge answers), :mod:`._user_mfa` (MFA settings) and :mod:`._user_devices` (device
operations).
"""

from __future__ import annotations

import abc
from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from ._cache import UserCache
from ._flows import (
    Authenticated,
    AuthOutcome,
    ChallengeStep,
    Flow,
    password_login,
    refresh_session,
    registration,
    srp_login,
)
from ._flows import devices as device_flows
from .auth_details import AuthenticationDetails
from .devices import default_device_name
from .errors import (
    CognitoError,
    NotAuthenticatedError,
    NotAuthorizedException,
    UnsupportedChallengeError,
)
from .storage import Storage
from .tokens import CognitoRefreshToken, CognitoUserSession

if TYPE_CHECKING:
    from .challenges import BaseChallenge
    from .pool import BaseCognitoUserPool

#: The sign-in flows ``authenticate_user`` can start.
AUTH_FLOW_TYPES = ("USER_SRP_AUTH", "USER_PASSWORD_AUTH", "CUSTOM_AUTH")
#: The challenge classes of a twin (:data:`~cognito_identity.challenges.Challenge` or
#: :data:`~cognito_identity.challenges.AsyncChallenge`).
C = TypeVar("C", bound="BaseChallenge[Any]")
Metadata = Mapping[str, str] | None


class BaseCognitoUser(abc.ABC, Generic[C]):
    """A user of a pool, by user name: the state and logic both twins share.

    Args:
        username: the user name, email or phone number the user signs in with.
        pool: the pool (sync or async, matching the twin).
        storage: where tokens are kept (default: the pool's).

    Raises:
        ValueError: ``'Username and Pool information are required.'``
    """

    pool: BaseCognitoUserPool[Any]

    def __init__(
        self, username: str, pool: BaseCognitoUserPool[Any], storage: Storage | None = None
    ) -> None:
        if not username or pool is None:
            raise ValueError("Username and Pool information are required.")
        self._username = username
        self.pool = pool
        self.storage: Storage = storage if storage is not None else pool.storage
        self._session: CognitoUserSession | None = None
        self._flow_type = "USER_SRP_AUTH"
        # The challenge waiting for an answer (JS keeps only its Session, as ``this.Session``).
        self._challenge: ChallengeStep | None = None
        #: The ``DeviceName`` sent when a sign-in registers this device (ConfirmDevice).
        self.device_name: str = default_device_name()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._username!r}, pool={self.pool.user_pool_id!r})"

    @abc.abstractmethod
    def _challenge_of(self, step: ChallengeStep) -> C:
        """The twin's typed challenge for ``step`` (sync or async answer methods)."""

    @property
    def username(self) -> str:
        """The user name; after an SRP sign-in, the pool's ``USER_ID_FOR_SRP``."""
        return self._username

    @property
    def _cache(self) -> UserCache:
        return UserCache(self.storage, self.pool.storage_keys, self._username)

    def get_username(self) -> str:
        """The user name (JS ``getUsername``)."""
        return self._username

    def get_authentication_flow_type(self) -> str:
        """The flow ``authenticate_user`` uses (default ``USER_SRP_AUTH``)."""
        return self._flow_type

    def set_authentication_flow_type(self, flow_type: str) -> None:
        """Choose ``USER_SRP_AUTH``, ``USER_PASSWORD_AUTH`` or ``CUSTOM_AUTH``.

        Raises:
            ValueError: ``'Authentication flow type is invalid.'``
        """
        if flow_type not in AUTH_FLOW_TYPES:
            raise ValueError("Authentication flow type is invalid.")
        self._flow_type = flow_type

    def get_sign_in_user_session(self) -> CognitoUserSession | None:
        """The session in memory (no storage read, no refresh)."""
        return self._session

    def set_sign_in_user_session(self, session: CognitoUserSession) -> None:
        """Use ``session`` from now on and store it; cached GetUser data is dropped."""
        self._store_session(session)

    # Registration

    def _confirm_registration_flow(
        self, code: str, force_alias_creation: bool, client_metadata: Metadata
    ) -> Flow[str]:
        context = self.pool._auth_context()
        return registration.confirm_sign_up(
            context, self._username, code, force_alias_creation, client_metadata
        )

    def _resend_confirmation_code_flow(self, client_metadata: Metadata) -> Flow[dict[str, Any]]:
        context = self.pool._auth_context()
        return registration.resend_confirmation_code(context, self._username, client_metadata)

    # Sign-in

    def _authenticate_user_flow(
        self, details: AuthenticationDetails
    ) -> Flow[CognitoUserSession | C]:
        return self._resume(self._sign_in_once_more_without_lost_device(details))

    def _sign_in_once_more_without_lost_device(
        self, details: AuthenticationDetails
    ) -> Flow[AuthOutcome]:
        """Sign in; if the pool no longer knows the stored device, forget it and start again.

        JS resends the failed step with ``"DEVICE_KEY": null``; starting afresh sends no key
        at all and also works when InitiateAuth carried the key.
        """
        lookup = _DeviceLookup(self._cache)
        try:
            return (yield from self._sign_in(details, lookup))
        except CognitoError as error:
            if not device_flows.device_missing(error) or not lookup.used:
                raise
        lookup.forget_used()
        return (yield from self._sign_in(details, self._cache.device_key_of))

    def _sign_in(
        self, details: AuthenticationDetails, device_key: Callable[[str], str | None]
    ) -> Flow[AuthOutcome]:
        context = self.pool._auth_context()
        metadata = details.effective_client_metadata()
        if self._flow_type != "CUSTOM_AUTH" and not details.password:
            raise ValueError("PASSWORD parameter is required")
        if self._flow_type == "USER_PASSWORD_AUTH":
            return password_login(
                context,
                self._username,
                details.password or "",
                client_metadata=metadata,
                device_key=device_key,
            )
        return srp_login(
            context,
            self._username,
            details.password,
            flow_type=self._flow_type,
            client_metadata=metadata,
            device_key=device_key,
        )

    def _resume(self, flow: Flow[AuthOutcome]) -> Flow[CognitoUserSession | C]:
        """Run a sign-in step, prove the remembered device if the pool asks, keep what came
        back (see :meth:`_accept`), then confirm a device the pool just registered."""
        outcome = yield from flow
        if isinstance(outcome, ChallengeStep) and outcome.challenge_name == "DEVICE_SRP_AUTH":
            outcome = yield from self._prove_device_flow(outcome)
        result = self._accept(outcome)
        if isinstance(outcome, Authenticated) and outcome.new_device_metadata:
            return (yield from self._confirm_device_flow(outcome))
        return result

    def _prove_device_flow(self, step: ChallengeStep) -> Flow[AuthOutcome]:
        """Answer DEVICE_SRP_AUTH with the device stored for the step's user.

        Raises:
            NotAuthorizedException: the pool refused the stored device secret. The device is
                then forgotten here, so the next sign-in registers it anew (after MFA) instead
                of failing the same way forever.
            UnsupportedChallengeError: no device is stored for that user.
        """
        cache = UserCache(self.storage, self.pool.storage_keys, step.username)
        device = cache.load_device()
        if device is None:
            raise UnsupportedChallengeError(step.challenge_name)
        try:
            return (yield from device_flows.device_srp(self.pool._auth_context(), step, device))
        except NotAuthorizedException:
            cache.clear_device()
            raise

    def _confirm_device_flow(self, outcome: Authenticated) -> Flow[CognitoUserSession]:
        """ConfirmDevice for the device the sign-in registered, then store its keys.

        The tokens are stored before (as in JS): if ConfirmDevice fails, its error is raised,
        the user is signed in all the same (``get_session()``) and the device is not
        remembered; the next sign-in registers it again.
        """
        token = outcome.session.access_token.jwt_token
        metadata = outcome.new_device_metadata or {}
        context = self.pool._auth_context()
        flow = device_flows.confirm_device(context, token, metadata, self.device_name)
        confirmed = yield from flow
        self._cache.save_device(confirmed.device)
        if not confirmed.user_confirmation_necessary:
            return outcome.session
        self._session = _asking_user(outcome.session)
        return self._session

    def _accept(self, outcome: AuthOutcome) -> CognitoUserSession | C:
        """Keep what a sign-in step returned: the session (stored) or the waiting challenge.

        Raises:
            UnsupportedChallengeError: a challenge this SDK does not answer; nothing is kept.
        """
        self._username = outcome.username
        self._challenge = None
        if isinstance(outcome, Authenticated):
            self._store_session(outcome.session)
            return outcome.session
        challenge = self._challenge_of(outcome)
        self._challenge = outcome
        return challenge

    def _store_session(self, session: CognitoUserSession) -> None:
        self._session = session
        self._cache.clear_user_data()  # GetUser data of an earlier sign-in may be stale
        self._cache.save_session(session)

    # Session

    def _get_session_flow(self, client_metadata: Metadata) -> Flow[CognitoUserSession]:
        if self._session is not None and self._session.is_valid():
            return self._session
        stored = self._cache.load_session(self.pool.clock)
        if stored is None:
            raise NotAuthenticatedError("Local storage is missing an ID Token, Please authenticate")
        if stored.is_valid():
            self._session = stored
            return stored
        if stored.refresh_token is None:
            raise NotAuthenticatedError("Cannot retrieve a new session. Please authenticate.")
        return (yield from self._refresh_session_flow(stored.refresh_token, client_metadata))

    def _refresh_session_flow(
        self, refresh_token: CognitoRefreshToken | str | None, client_metadata: Metadata
    ) -> Flow[CognitoUserSession]:
        flow = refresh_session(
            self.pool._auth_context(),
            self._refresh_token(refresh_token),
            username=self._secret_hash_username(),
            device_key=self._cache.device_key(),
            client_metadata=client_metadata,
        )
        try:
            session = yield from flow
        except NotAuthorizedException:
            self._session = None
            self._cache.clear_user()
            raise
        self._session = session
        self._cache.save_session(session)
        return session

    def _refresh_token(self, given: CognitoRefreshToken | str | None) -> CognitoRefreshToken:
        if isinstance(given, str):
            return CognitoRefreshToken(given)
        known = (session.refresh_token for session in self._known_sessions())
        token = given or next((token for token in known if token), None)
        if token is None:
            raise NotAuthenticatedError("Cannot retrieve a new session. Please authenticate.")
        return token

    def _secret_hash_username(self) -> str:
        # SECRET_HASH on refresh must use the real user name, which the access token carries
        # even when the user signed in with an alias.
        for session in self._known_sessions():
            claim = session.access_token.payload.get("username")
            if isinstance(claim, str) and claim:
                return claim
        return self._username

    def _known_sessions(self) -> Iterator[CognitoUserSession]:
        """The session in memory, then the stored one (read only if needed)."""
        if self._session is not None:
            yield self._session
        stored = self._cache.load_session(self.pool.clock)
        if stored is not None:
            yield stored


class _DeviceLookup:
    """The stored device key of a user name, noting the names it found one for."""

    def __init__(self, cache: UserCache) -> None:
        self._cache = cache
        self.used: list[str] = []

    def __call__(self, username: str) -> str | None:
        key = self._cache.device_key_of(username)
        if key is not None:
            self.used.append(username)
        return key

    def forget_used(self) -> None:
        """Forget the devices this lookup handed out (the pool said they don't exist)."""
        for username in self.used:
            UserCache(self._cache.storage, self._cache.keys, username).clear_device()


def _asking_user(session: CognitoUserSession) -> CognitoUserSession:
    """``session`` with ``user_confirmation_necessary`` set."""
    return CognitoUserSession(
        session.id_token,
        session.access_token,
        session.refresh_token,
        session.clock_drift,
        clock=session.clock,
        user_confirmation_necessary=True,
    )
