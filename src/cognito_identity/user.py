"""One user of a pool: :class:`CognitoUser` (sign-in, session, challenges, account, sign-out).

Every method here is one line: it runs the matching step of the shared user logic
(:mod:`._user_base` and its mixins) with the sync driver; the account methods are in
:mod:`._user_account_api`, the device methods in :mod:`._user_devices_api`.
:class:`~cognito_identity.AsyncCognitoUser` runs the very same steps with the async driver.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, overload

from . import callbacks as _callbacks
from ._challenge_data import challenge_from_step
from ._flows import ChallengeStep
from ._user_account_api import AccountMethods
from ._user_base import AUTH_FLOW_TYPES, Metadata
from ._user_challenges import ChallengeFlows
from ._user_devices_api import DeviceMethods
from ._user_mfa import MfaFlows, MfaSettings, deprecated
from .auth_details import AuthenticationDetails
from .challenges import CHALLENGES, AuthResult, Challenge
from .storage import Storage
from .tokens import CognitoRefreshToken, CognitoUserSession

if TYPE_CHECKING:
    from .callbacks import Callbacks
    from .pool import CognitoUserPool

__all__ = ["AUTH_FLOW_TYPES", "CognitoUser"]


class CognitoUser(AccountMethods, DeviceMethods, ChallengeFlows[Challenge], MfaFlows[Challenge]):
    """A user of a pool, by user name.

    Differences from the JS library, on purpose:

    * ``storage`` defaults to the pool's storage (JS makes a fresh store, so tokens written by
      the pool's users were not seen).
    * Methods that need a signed-in user get a session themselves, so an expired session is
      refreshed instead of failing with "User is not authenticated".
    * Challenges (MFA, new password, custom) are returned as typed values with the method
      that answers them (:mod:`cognito_identity.challenges`), not callbacks; tokens are stored
      only once a session comes back. A challenge this SDK cannot answer raises
      :class:`~cognito_identity.errors.UnsupportedChallengeError` and stores nothing (JS
      stores empty tokens).

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

    pool: CognitoUserPool

    def __init__(self, username: str, pool: CognitoUserPool, storage: Storage | None = None):
        super().__init__(username, pool, storage)

    def _challenge_of(self, step: ChallengeStep) -> Challenge:
        return challenge_from_step(self, step, CHALLENGES)

    # Registration

    def confirm_registration(
        self, code: str, force_alias_creation: bool = False, client_metadata: Metadata = None
    ) -> str:
        """Confirm the sign-up with the code the pool sent (ConfirmSignUp); returns ``'SUCCESS'``.

        Raises:
            CodeMismatchException, ExpiredCodeException, AliasExistsException, ...
        """
        flow = self._confirm_registration_flow(code, force_alias_creation, client_metadata)
        return self._run(flow)

    def resend_confirmation_code(self, client_metadata: Metadata = None) -> dict[str, Any]:
        """Send the sign-up code again; returns the answer (``CodeDeliveryDetails``)."""
        return self._run(self._resend_confirmation_code_flow(client_metadata))

    # Sign-in

    @overload
    def authenticate_user(self, details: AuthenticationDetails) -> AuthResult: ...

    @overload
    def authenticate_user(self, details: AuthenticationDetails, callbacks: Callbacks) -> None: ...

    def authenticate_user(
        self, details: AuthenticationDetails, callbacks: Callbacks | None = None
    ) -> AuthResult | None:
        """Sign in with the flow set by :meth:`set_authentication_flow_type`.

        Returns the session, or the challenge the pool asks the user to answer (MFA code,
        MFA choice or set-up, new password, custom challenge): see
        :mod:`cognito_identity.challenges`. Only when a session comes back are the tokens,
        clock drift and ``LastAuthUser`` stored. As in the JS library, after an SRP sign-in
        :attr:`username` becomes the pool's ``USER_ID_FOR_SRP`` (the real user name, often the
        ``sub`` when the user typed an email alias), and storage keys use it.

        Remembered devices (pools with device tracking): a sign-in that registers this device
        confirms it (ConfirmDevice, named :attr:`device_name`) and stores its keys; when the
        pool remembers it only if the user agrees, the session has
        ``user_confirmation_necessary`` set (see :meth:`set_device_status_remembered`). If
        ConfirmDevice fails its error is raised, but, as in JS, the tokens are already stored
        (``get_session()`` works) and the device is simply not remembered. A later sign-in
        proves the stored device with device SRP (no MFA on pools that trust remembered
        devices); if the pool no longer knows the device, its keys are dropped and the sign-in
        starts again without it; if the pool refuses the device secret,
        ``NotAuthorizedException`` is raised and the keys are dropped, so the next sign-in
        registers the device anew.

        Args:
            details: the password and metadata (its ``username`` is not sent; this user's is).
            callbacks: for code ported from JS: an object or mapping with ``on_success``,
                ``on_failure``, ``mfa_required``... (see :mod:`cognito_identity.callbacks`);
                the result goes to them and nothing is returned.

        Raises:
            NotAuthorizedException: wrong password (or user disabled).
            UserNotFoundException: no such user (when the pool reveals it).
            UserNotConfirmedException: the sign-up was not confirmed.
            UnsupportedChallengeError: a challenge this SDK cannot answer; nothing is stored.
            ValueError: no password for a flow that needs one.

        Example::

            result = user.authenticate_user(AuthenticationDetails("alice", password))
            if isinstance(result, SmsMfaChallenge):
                result = result.answer(input(f"Code sent to {result.destination}: "))
        """
        if callbacks is not None:
            _callbacks.settle(callbacks, lambda: self.authenticate_user(details))
            return None
        return self._run(self._authenticate_user_flow(details))

    def initiate_auth(self, details: AuthenticationDetails) -> AuthResult:
        """Start CUSTOM_AUTH without SRP (JS ``initiateAuth``; README use case 25).

        ``AuthParameters`` are ``details.auth_parameters`` plus ``USERNAME``; no password is
        sent. Usually returns a :class:`~cognito_identity.challenges.CustomChallenge`.

        Example::

            challenge = user.initiate_auth(AuthenticationDetails("alice"))
            session = challenge.answer("42")
        """
        return self._run(self._initiate_auth_flow(details))

    # Session

    def get_session(self, client_metadata: Metadata = None) -> CognitoUserSession:
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
        return self._run(self._get_session_flow(client_metadata))

    def refresh_session(
        self,
        refresh_token: CognitoRefreshToken | str | None = None,
        client_metadata: Metadata = None,
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
        return self._run(self._refresh_session_flow(refresh_token, client_metadata))

    # Challenges, JS style: they answer the challenge this user is waiting on.

    def send_mfa_code(
        self, code: str, mfa_type: str = "SMS_MFA", client_metadata: Metadata = None
    ) -> AuthResult:
        """Answer the waiting MFA challenge with ``code`` (JS ``sendMFACode``).

        Args:
            code: the code from the text message, email or authenticator app.
            mfa_type: ``SMS_MFA`` (default, as in JS), ``SOFTWARE_TOKEN_MFA`` or ``EMAIL_OTP``.
            client_metadata: input for the pool's Lambda triggers.

        Returns:
            the session (stored), or the next challenge.

        Raises:
            NotAuthenticatedError: no challenge is waiting.
            CodeMismatchException: wrong code.
        """
        return self._run(self._send_mfa_code_flow(code, mfa_type, client_metadata))

    def send_mfa_selection_answer(self, answer: str) -> AuthResult:
        """Answer ``SELECT_MFA_TYPE`` (JS ``sendMFASelectionAnswer``); returns the code prompt.

        Args:
            answer: ``SMS_MFA``, ``SOFTWARE_TOKEN_MFA`` or ``EMAIL_OTP``.
        """
        return self._run(self._send_mfa_selection_answer_flow(answer))

    def complete_new_password_challenge(
        self,
        new_password: str,
        required_attribute_data: Mapping[str, str] | None = None,
        client_metadata: Metadata = None,
    ) -> AuthResult:
        """Answer ``NEW_PASSWORD_REQUIRED`` (JS ``completeNewPasswordChallenge``).

        Args:
            new_password: the password the user chose.
            required_attribute_data: attribute values to set (sent as ``userAttributes.<k>``),
                at least the challenge's required attributes.
            client_metadata: input for the pool's Lambda triggers.

        Raises:
            ValueError: ``'New password is required.'``
        """
        flow = self._complete_new_password_challenge_flow(
            new_password, required_attribute_data, client_metadata
        )
        return self._run(flow)

    def send_custom_challenge_answer(
        self, answer: str, client_metadata: Metadata = None
    ) -> AuthResult:
        """Answer ``CUSTOM_CHALLENGE`` (JS ``sendCustomChallengeAnswer``)."""
        return self._run(self._send_custom_challenge_answer_flow(answer, client_metadata))

    def associate_software_token(self) -> str:
        """Get a new TOTP secret (JS ``associateSoftwareToken``); returns the secret code.

        During an ``MFA_SETUP`` challenge it uses the challenge's session (and keeps the new
        one for :meth:`verify_software_token`); otherwise the signed-in user's access token
        (refreshing the session first if needed).
        """
        return self._run(self._associate_software_token_flow())

    def verify_software_token(
        self, code: str, friendly_device_name: str | None = None
    ) -> AuthResult | dict[str, Any]:
        """Check a code from the authenticator app (JS ``verifySoftwareToken``).

        During an ``MFA_SETUP`` challenge it then finishes the sign-in and returns the session
        (or a further challenge). When signed in it returns the raw answer (``{"Status":
        "SUCCESS"}``); then turn TOTP on with :meth:`set_user_mfa_preference`.

        Raises:
            EnableSoftwareTokenMFAException, CodeMismatchException: the code is wrong.
        """
        return self._run(self._verify_software_token_flow(code, friendly_device_name))

    # MFA settings (use cases 9, 10, 28, 29)

    def set_user_mfa_preference(
        self,
        sms_settings: MfaSettings | None,
        totp_settings: MfaSettings | None,
        email_settings: MfaSettings | None = None,
    ) -> str:
        """Turn MFA methods on or off and pick the preferred one (SetUserMFAPreference).

        Each argument is ``{"Enabled": bool, "PreferredMfa": bool}``, or ``None`` to leave that
        method as it is. Returns ``'SUCCESS'``.

        Example::

            # README use case 29: TOTP on and preferred (after verify_software_token).
            user.set_user_mfa_preference(None, {"Enabled": True, "PreferredMfa": True})
        """
        flow = self._set_user_mfa_preference_flow(sms_settings, totp_settings, email_settings)
        return self._run(flow)

    def enable_mfa(self) -> str:
        """Turn SMS MFA on (SetUserSettings); deprecated, as in JS.

        Use ``set_user_mfa_preference({"Enabled": True, "PreferredMfa": True}, None)``.
        """
        deprecated("enable_mfa", "set_user_mfa_preference")
        return self._run(self._set_sms_mfa_flow(True))

    def disable_mfa(self) -> str:
        """Turn SMS MFA off (SetUserSettings); deprecated, as in JS.

        Use ``set_user_mfa_preference({"Enabled": False, "PreferredMfa": False}, None)``.
        """
        deprecated("disable_mfa", "set_user_mfa_preference")
        return self._run(self._set_sms_mfa_flow(False))
