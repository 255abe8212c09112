"""One user of a pool: :class:`CognitoUser` (sign-in, session, attributes, sign-out)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from ._cache import UserCache
from ._flows import AuthOutcome, ChallengeStep, Flow, password_login, refresh_session, srp_login
from .attributes import CognitoUserAttribute
from .auth_details import AuthenticationDetails
from .errors import (
    CognitoError,
    NotAuthenticatedError,
    NotAuthorizedException,
    UnsupportedChallengeError,
)
from .storage import Storage
from .tokens import CognitoRefreshToken, CognitoUserSession

if TYPE_CHECKING:
    from .pool import CognitoUserPool

#: The sign-in flows :meth:`CognitoUser.authenticate_user` can start.
AUTH_FLOW_TYPES = ("USER_SRP_AUTH", "USER_PASSWORD_AUTH", "CUSTOM_AUTH")


class CognitoUser:
    """A user of a pool, by user name.

    Differences from the JS library, on purpose:

    * ``storage`` defaults to the pool's storage (JS makes a fresh store, so tokens written by
      the pool's users were not seen).
    * Methods that need a signed-in user call :meth:`get_session` themselves, so an expired
      session is refreshed instead of failing with "User is not authenticated".
    * A challenge this SDK cannot answer yet raises
      :class:`~cognito_identity.errors.UnsupportedChallengeError` and stores nothing.

    Args:
        username: the user name, email or phone number the user signs in with.
        pool: the :class:`CognitoUserPool`.
        storage: where tokens are kept (default: the pool's).

    Raises:
        ValueError: ``'Username and Pool information are required.'``

    Example::

        user = CognitoUser("alice", pool)
        session = user.authenticate_user(AuthenticationDetails("alice", password))
        print(session.id_token.payload["email"])
    """

    def __init__(self, username: str, pool: CognitoUserPool, storage: Storage | None = None):
        if not username or pool is None:
            raise ValueError("Username and Pool information are required.")
        self._username = username
        self.pool = pool
        self.storage: Storage = storage if storage is not None else pool.storage
        self._session: CognitoUserSession | None = None
        self._flow_type = "USER_SRP_AUTH"

    def __repr__(self) -> str:
        return f"CognitoUser({self._username!r}, pool={self.pool.user_pool_id!r})"

    @property
    def username(self) -> str:
        """The user name; after an SRP sign-in, the pool's ``USER_ID_FOR_SRP`` (see
        :meth:`authenticate_user`)."""
        return self._username

    @property
    def _cache(self) -> UserCache:
        return UserCache(self.storage, self.pool.storage_keys, self._username)

    def get_username(self) -> str:
        """The user name (JS ``getUsername``)."""
        return self._username

    def get_authentication_flow_type(self) -> str:
        """The flow :meth:`authenticate_user` uses (default ``USER_SRP_AUTH``)."""
        return self._flow_type

    def set_authentication_flow_type(self, flow_type: str) -> None:
        """Choose ``USER_SRP_AUTH``, ``USER_PASSWORD_AUTH`` or ``CUSTOM_AUTH``.

        Raises:
            ValueError: ``'Authentication flow type is invalid.'``
        """
        if flow_type not in AUTH_FLOW_TYPES:
            raise ValueError("Authentication flow type is invalid.")
        self._flow_type = flow_type

    # Registration

    def confirm_registration(
        self,
        code: str,
        force_alias_creation: bool = False,
        client_metadata: Mapping[str, str] | None = None,
    ) -> str:
        """Confirm the sign-up with the code the pool sent (ConfirmSignUp); returns ``'SUCCESS'``.

        Raises:
            CodeMismatchException, ExpiredCodeException, AliasExistsException, ...
        """
        self.pool._call(
            "ConfirmSignUp",
            {
                "ClientId": self.pool.client_id,
                "ConfirmationCode": code,
                "Username": self._username,
                "ForceAliasCreation": force_alias_creation,
                "ClientMetadata": client_metadata,
                "SecretHash": self.pool._secret_hash(self._username),
            },
        )
        return "SUCCESS"

    def resend_confirmation_code(
        self, client_metadata: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        """Send the sign-up code again; returns the answer (``CodeDeliveryDetails``)."""
        return self.pool._call(
            "ResendConfirmationCode",
            {
                "ClientId": self.pool.client_id,
                "Username": self._username,
                "ClientMetadata": client_metadata,
                "SecretHash": self.pool._secret_hash(self._username),
            },
        )

    # Sign-in

    def authenticate_user(self, details: AuthenticationDetails) -> CognitoUserSession:
        """Sign in with the flow set by :meth:`set_authentication_flow_type`.

        The tokens, clock drift and ``LastAuthUser`` are stored. As in the JS library, after an
        SRP sign-in :attr:`username` becomes the pool's ``USER_ID_FOR_SRP`` (the real user
        name, often the ``sub`` when the user typed an email alias), and storage keys use it.

        Args:
            details: the password and metadata (its ``username`` is not sent; this user's is).

        Raises:
            NotAuthorizedException: wrong password (or user disabled).
            UserNotFoundException: no such user (when the pool reveals it).
            UserNotConfirmedException: the sign-up was not confirmed.
            UnsupportedChallengeError: the pool asks for MFA, a new password or a custom
                challenge; nothing is stored.
            ValueError: no password for a flow that needs one.
        """
        outcome = self.pool._run(self._sign_in_flow(details))
        self._username = outcome.username
        if isinstance(outcome, ChallengeStep):
            raise UnsupportedChallengeError(outcome.challenge_name)
        self._store_session(outcome.session)
        return outcome.session

    def _sign_in_flow(self, details: AuthenticationDetails) -> Flow[AuthOutcome]:
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
                device_key=self._cache.device_key_of,
            )
        return srp_login(
            context,
            self._username,
            details.password,
            flow_type=self._flow_type,
            client_metadata=metadata,
            device_key=self._cache.device_key_of,
        )

    def _store_session(self, session: CognitoUserSession) -> None:
        self._session = session
        self._cache.clear_user_data()  # GetUser data of an earlier sign-in may be stale
        self._cache.save_session(session)

    # Session

    def get_sign_in_user_session(self) -> CognitoUserSession | None:
        """The session in memory (no storage read, no refresh)."""
        return self._session

    def set_sign_in_user_session(self, session: CognitoUserSession) -> None:
        """Use ``session`` from now on and store it; cached GetUser data is dropped."""
        self._store_session(session)

    def get_session(self, client_metadata: Mapping[str, str] | None = None) -> CognitoUserSession:
        """A valid session: from memory, else from storage, else refreshed with the refresh token.

        Raises:
            NotAuthenticatedError: nothing stored ("Local storage is missing an ID Token,
                Please authenticate") or expired without a refresh token ("Cannot retrieve a
                new session. Please authenticate.").
            NotAuthorizedException: the refresh token was refused (stored tokens are cleared).

        Example::

            user = pool.get_current_user()
            if user is not None:
                token = user.get_session().access_token.jwt_token
        """
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
        return self.refresh_session(stored.refresh_token, client_metadata)

    def refresh_session(
        self,
        refresh_token: CognitoRefreshToken | str | None = None,
        client_metadata: Mapping[str, str] | None = None,
    ) -> CognitoUserSession:
        """New ID and access tokens from a refresh token (REFRESH_TOKEN_AUTH), stored.

        Unlike JS, this user's own name is used (JS switches to ``LastAuthUser``).

        Args:
            refresh_token: the token (default: the current session's, else the stored one).
            client_metadata: input for the pool's Lambda triggers.

        Raises:
            NotAuthorizedException: the token is expired or revoked; tokens and cached user
                data are cleared, so the user has to sign in again.
            NotAuthenticatedError: there is no refresh token at all.
        """
        token = self._refresh_token(refresh_token)
        flow = refresh_session(
            self.pool._auth_context(),
            token,
            username=self._secret_hash_username(),
            device_key=self._cache.device_key(),
            client_metadata=client_metadata,
        )
        try:
            session = self.pool._run(flow)
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

    # Profile

    def get_user_attributes(self) -> list[CognitoUserAttribute]:
        """The user's attributes (GetUser), refreshing the session first if needed.

        Raises:
            NotAuthenticatedError: no session can be had (see :meth:`get_session`).
        """
        answer = self._get_user(None)
        items = answer.get("UserAttributes") or []
        return [CognitoUserAttribute.from_dict(item) for item in items]

    def get_user_data(
        self, bypass_cache: bool = False, client_metadata: Mapping[str, str] | None = None
    ) -> dict[str, Any]:
        """The raw GetUser answer, cached in storage under ``.userData``.

        Args:
            bypass_cache: fetch again even if cached; as in JS this also refreshes the tokens
                (so ID token claims match the new data); a failed refresh is ignored.
            client_metadata: input for the Lambda triggers of a refresh.

        Raises:
            NotAuthenticatedError: no session can be had (the cached data is dropped too).
        """
        cached = self._cache.load_user_data()
        if cached is not None and not bypass_cache:
            self._session_or_forget_user_data(client_metadata)
            return cached
        data = self._get_user(client_metadata)
        self._cache.save_user_data(data)
        if bypass_cache:
            with contextlib.suppress(CognitoError):
                self.refresh_session(client_metadata=client_metadata)
        return data

    def _session_or_forget_user_data(
        self, client_metadata: Mapping[str, str] | None
    ) -> CognitoUserSession:
        try:
            return self.get_session(client_metadata)
        except NotAuthenticatedError:
            self._cache.clear_user_data()
            raise

    def _get_user(self, client_metadata: Mapping[str, str] | None) -> dict[str, Any]:
        session = self._session_or_forget_user_data(client_metadata)
        return self.pool._call("GetUser", {"AccessToken": session.access_token.jwt_token})

    # Sign-out

    def sign_out(self) -> None:
        """Forget the session here: memory, stored tokens and cached user data.

        Remembered-device keys stay. Nothing is sent to the pool, so the tokens themselves stay
        usable until they expire (token revocation comes with a later release).
        """
        self._session = None
        self._cache.clear_user()
