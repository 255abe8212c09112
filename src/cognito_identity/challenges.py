"""Challenges: what a sign-in returns when the pool wants more than a password.

:meth:`CognitoUser.authenticate_user <cognito_identity.CognitoUser.authenticate_user>` returns
an :data:`AuthResult`: either a :class:`~cognito_identity.CognitoUserSession` (signed in) or one
of the challenge classes below. Each challenge carries what the user must be shown and has the
method that answers it; answering returns the next :data:`AuthResult` (a session, or another
challenge such as the code prompt after :meth:`SelectMfaTypeChallenge.select`). Tokens are
stored only when a session comes back.

================================  ============================  ==============================
challenge name                    class                         answer with
================================  ============================  ==============================
``SMS_MFA``                       :class:`SmsMfaChallenge`      ``.answer(code)``
``SOFTWARE_TOKEN_MFA``            :class:`TotpChallenge`        ``.answer(code)``
``EMAIL_OTP``                     :class:`EmailOtpChallenge`    ``.answer(code)``
``SELECT_MFA_TYPE``               :class:`SelectMfaTypeChallenge` ``.select(name)``
``MFA_SETUP``                     :class:`MfaSetupChallenge`    ``.associate()``, ``.verify()``
``NEW_PASSWORD_REQUIRED``         :class:`NewPasswordChallenge` ``.complete(new_password)``
``CUSTOM_CHALLENGE``              :class:`CustomChallenge`      ``.answer(answer)``
================================  ============================  ==============================

Any other challenge raises :class:`~cognito_identity.errors.UnsupportedChallengeError`.

To answer in a later request (or another process), keep ``challenge.to_state()`` (a
JSON-serializable dict holding the opaque Cognito ``Session``, valid about three minutes: keep
it server-side or in a signed HttpOnly cookie; see :meth:`BaseChallenge.to_state`) and rebuild
the challenge with ``CognitoUser(state["username"], pool).resume_challenge(state)``.

:class:`~cognito_identity.AsyncCognitoUser` returns the async twins (``AsyncSmsMfaChallenge``,
``AsyncTotpChallenge``...; :data:`AsyncAuthResult`): the same fields, answered with ``await``
(``await challenge.answer(code)``). Each pair shares one data class (fields, parsing, the
``MFA_SETUP`` session bookkeeping); the twins only run the user's answer steps.

Example::

    result = user.authenticate_user(AuthenticationDetails("alice", password))
    while not isinstance(result, CognitoUserSession):
        if isinstance(result, (SmsMfaChallenge, TotpChallenge, EmailOtpChallenge)):
            result = result.answer(input("Code: "))
        elif isinstance(result, NewPasswordChallenge):
            result = result.complete(getpass("New password: "))
        ...
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, TypeAlias

from ._challenge_data import (
    BaseChallenge,
    CodeChallengeData,
    CustomData,
    DeliveredCodeData,
    MfaSetupData,
    NewPasswordData,
    SelectMfaTypeData,
    SoftwareTokenAssociation,
    TotpData,
    challenge_from_step,
    totp_uri,
)
from .tokens import CognitoUserSession

if TYPE_CHECKING:
    # Named as strings in the base classes below (a runtime import would be circular); ruff
    # does not count those as uses.
    from .async_user import AsyncCognitoUser  # noqa: F401
    from .user import CognitoUser  # noqa: F401

__all__ = [
    "AsyncAuthResult",
    "AsyncChallenge",
    "AsyncCustomChallenge",
    "AsyncEmailOtpChallenge",
    "AsyncMfaSetupChallenge",
    "AsyncNewPasswordChallenge",
    "AsyncSelectMfaTypeChallenge",
    "AsyncSmsMfaChallenge",
    "AsyncTotpChallenge",
    "AuthResult",
    "BaseChallenge",
    "Challenge",
    "CustomChallenge",
    "EmailOtpChallenge",
    "MfaSetupChallenge",
    "NewPasswordChallenge",
    "SelectMfaTypeChallenge",
    "SmsMfaChallenge",
    "SoftwareTokenAssociation",
    "TotpChallenge",
    "challenge_from_step",
    "totp_uri",
]

Metadata = Mapping[str, str] | None

# The sync challenges, returned by CognitoUser.


class _CodeChallenge(CodeChallengeData["CognitoUser"]):
    def answer(self, code: str, client_metadata: Metadata = None) -> AuthResult:
        """Send ``code``; returns the session (or, rarely, a further challenge).

        Raises:
            CodeMismatchException: wrong code (the same challenge may be answered again).
            ExpiredCodeException: the code expired or was already used.
            NotAuthorizedException: the challenge session expired or was used up.
        """
        step, name = self._step, self.challenge_name
        return self._user._run(self._user._answer_mfa_flow(step, code, name, client_metadata))


class SmsMfaChallenge(DeliveredCodeData["CognitoUser"], _CodeChallenge):
    """``SMS_MFA``: a code was sent by text message (to :attr:`destination`, ``medium`` SMS)."""


class EmailOtpChallenge(DeliveredCodeData["CognitoUser"], _CodeChallenge):
    """``EMAIL_OTP``: a code was sent by email (to :attr:`destination`, ``medium`` EMAIL)."""


class TotpChallenge(TotpData["CognitoUser"], _CodeChallenge):
    """``SOFTWARE_TOKEN_MFA``: the code shown by the user's authenticator app."""


class SelectMfaTypeChallenge(SelectMfaTypeData["CognitoUser"]):
    """``SELECT_MFA_TYPE``: the user picks one of :attr:`options` with :meth:`select`."""

    def select(self, name: str) -> AuthResult:
        """Choose ``name``; returns the challenge of that method (the code prompt)."""
        return self._user._run(self._user._select_mfa_type_flow(self._step, name))


class MfaSetupChallenge(MfaSetupData["CognitoUser"]):
    """``MFA_SETUP``: MFA is required and the user has no method yet; set up TOTP.

    Call :meth:`associate`, show the secret (or its URI as a QR code), then :meth:`verify`
    with a code from the app.
    """

    def associate(self, issuer: str | None = None) -> SoftwareTokenAssociation:
        """Get a new TOTP secret for the user (AssociateSoftwareToken with the session).

        Args:
            issuer: the name authenticator apps show (default: the user pool id).
        """
        flow = self._user._associate_setup_flow(self._current_step())
        return self._association(self._user._run(flow), issuer)

    def verify(self, code: str, friendly_device_name: str | None = None) -> AuthResult:
        """Check a code from the app, then finish the sign-in; returns the session.

        Raises:
            EnableSoftwareTokenMFAException, CodeMismatchException: the code is wrong.
        """
        flow = self._user._verify_setup_flow(self._current_step(), code, friendly_device_name)
        return self._user._run(flow)


class NewPasswordChallenge(NewPasswordData["CognitoUser"]):
    """``NEW_PASSWORD_REQUIRED``: the user was created by an admin and must pick a password
    (and give the :attr:`required_attributes`) with :meth:`complete`."""

    def complete(
        self,
        new_password: str,
        attributes: Mapping[str, str] | None = None,
        client_metadata: Metadata = None,
    ) -> AuthResult:
        """Set the new password (and ``attributes``, e.g. the required ones).

        Raises:
            ValueError: ``'New password is required.'``
            InvalidPasswordException: the pool's password policy refuses it.
        """
        flow = self._user._new_password_flow(self._step, new_password, attributes, client_metadata)
        return self._user._run(flow)


class CustomChallenge(CustomData["CognitoUser"]):
    """``CUSTOM_CHALLENGE``: the pool's Create Auth Challenge trigger asks a question.

    The public question is in :attr:`parameters`; the answer is judged by the pool's Verify
    Auth Challenge Response trigger.
    """

    def answer(self, answer: str, client_metadata: Metadata = None) -> AuthResult:
        """Send ``answer``; returns the session or the next challenge."""
        flow = self._user._custom_answer_flow(self._step, answer, client_metadata)
        return self._user._run(flow)


# The async twins, returned by AsyncCognitoUser: same data, answered with ``await``.


class _AsyncCodeChallenge(CodeChallengeData["AsyncCognitoUser"]):
    async def answer(self, code: str, client_metadata: Metadata = None) -> AsyncAuthResult:
        """Send ``code`` (see :meth:`SmsMfaChallenge.answer`)."""
        step, name = self._step, self.challenge_name
        flow = self._user._answer_mfa_flow(step, code, name, client_metadata)
        return await self._user._run(flow)


class AsyncSmsMfaChallenge(DeliveredCodeData["AsyncCognitoUser"], _AsyncCodeChallenge):
    """The async twin of :class:`SmsMfaChallenge`."""


class AsyncEmailOtpChallenge(DeliveredCodeData["AsyncCognitoUser"], _AsyncCodeChallenge):
    """The async twin of :class:`EmailOtpChallenge`."""


class AsyncTotpChallenge(TotpData["AsyncCognitoUser"], _AsyncCodeChallenge):
    """The async twin of :class:`TotpChallenge`."""


class AsyncSelectMfaTypeChallenge(SelectMfaTypeData["AsyncCognitoUser"]):
    """The async twin of :class:`SelectMfaTypeChallenge`."""

    async def select(self, name: str) -> AsyncAuthResult:
        """Choose ``name`` (see :meth:`SelectMfaTypeChallenge.select`)."""
        return await self._user._run(self._user._select_mfa_type_flow(self._step, name))


class AsyncMfaSetupChallenge(MfaSetupData["AsyncCognitoUser"]):
    """The async twin of :class:`MfaSetupChallenge`."""

    async def associate(self, issuer: str | None = None) -> SoftwareTokenAssociation:
        """Get a new TOTP secret (see :meth:`MfaSetupChallenge.associate`)."""
        flow = self._user._associate_setup_flow(self._current_step())
        return self._association(await self._user._run(flow), issuer)

    async def verify(self, code: str, friendly_device_name: str | None = None) -> AsyncAuthResult:
        """Check a code, then finish the sign-in (see :meth:`MfaSetupChallenge.verify`)."""
        flow = self._user._verify_setup_flow(self._current_step(), code, friendly_device_name)
        return await self._user._run(flow)


class AsyncNewPasswordChallenge(NewPasswordData["AsyncCognitoUser"]):
    """The async twin of :class:`NewPasswordChallenge`."""

    async def complete(
        self,
        new_password: str,
        attributes: Mapping[str, str] | None = None,
        client_metadata: Metadata = None,
    ) -> AsyncAuthResult:
        """Set the new password (see :meth:`NewPasswordChallenge.complete`)."""
        flow = self._user._new_password_flow(self._step, new_password, attributes, client_metadata)
        return await self._user._run(flow)


class AsyncCustomChallenge(CustomData["AsyncCognitoUser"]):
    """The async twin of :class:`CustomChallenge`."""

    async def answer(self, answer: str, client_metadata: Metadata = None) -> AsyncAuthResult:
        """Send ``answer`` (see :meth:`CustomChallenge.answer`)."""
        flow = self._user._custom_answer_flow(self._step, answer, client_metadata)
        return await self._user._run(flow)


Challenge: TypeAlias = (
    SmsMfaChallenge
    | TotpChallenge
    | EmailOtpChallenge
    | SelectMfaTypeChallenge
    | MfaSetupChallenge
    | NewPasswordChallenge
    | CustomChallenge
)
AsyncChallenge: TypeAlias = (
    AsyncSmsMfaChallenge
    | AsyncTotpChallenge
    | AsyncEmailOtpChallenge
    | AsyncSelectMfaTypeChallenge
    | AsyncMfaSetupChallenge
    | AsyncNewPasswordChallenge
    | AsyncCustomChallenge
)
#: What a sign-in step returns: a session, or the challenge to answer next.
AuthResult: TypeAlias = CognitoUserSession | Challenge
#: What a sign-in step of :class:`~cognito_identity.AsyncCognitoUser` returns.
AsyncAuthResult: TypeAlias = CognitoUserSession | AsyncChallenge

#: The class of each challenge name, for each twin.
CHALLENGES: Mapping[str, type[Challenge]] = {
    "SMS_MFA": SmsMfaChallenge,
    "SOFTWARE_TOKEN_MFA": TotpChallenge,
    "EMAIL_OTP": EmailOtpChallenge,
    "SELECT_MFA_TYPE": SelectMfaTypeChallenge,
    "MFA_SETUP": MfaSetupChallenge,
    "NEW_PASSWORD_REQUIRED": NewPasswordChallenge,
    "CUSTOM_CHALLENGE": CustomChallenge,
}
ASYNC_CHALLENGES: Mapping[str, type[AsyncChallenge]] = {
    "SMS_MFA": AsyncSmsMfaChallenge,
    "SOFTWARE_TOKEN_MFA": AsyncTotpChallenge,
    "EMAIL_OTP": AsyncEmailOtpChallenge,
    "SELECT_MFA_TYPE": AsyncSelectMfaTypeChallenge,
    "MFA_SETUP": AsyncMfaSetupChallenge,
    "NEW_PASSWORD_REQUIRED": AsyncNewPasswordChallenge,
    "CUSTOM_CHALLENGE": AsyncCustomChallenge,
}
