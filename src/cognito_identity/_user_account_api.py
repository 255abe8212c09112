"""The account methods of :class:`~cognito_identity.CognitoUser`: profile, attributes,
passwords, deletion and sign-out (use cases 5-8 and 11-15 of the JS library's README).

A mixin so ``user.py`` stays about signing in. Each method runs one step of
:class:`~._user_account.AccountFlows` with the sync driver; the async twins are on
:class:`~cognito_identity.AsyncCognitoUser`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from ._flows import Flow
from ._user_account import AccountFlows
from ._user_base import Metadata
from ._user_mfa import deprecated
from .attributes import AttributesInput, CognitoUserAttribute
from .challenges import Challenge
from .delivery import CodeDeliveryDetails, UpdateAttributesResult

if TYPE_CHECKING:
    from .pool import CognitoUserPool

T = TypeVar("T")


class AccountMethods(AccountFlows[Challenge]):
    """The account methods of :class:`~cognito_identity.CognitoUser` (mixed into it).

    Every method that needs a signed-in user gets a session first, so an expired session is
    refreshed with the refresh token. The JS library fails with "User is not authenticated"
    instead, which forced apps to wrap every call in ``getSession``.
    """

    pool: CognitoUserPool

    def _run(self, flow: Flow[T]) -> T:
        return self.pool._run(flow)

    # Profile (use cases 5 and 31)

    def get_user_attributes(self) -> list[CognitoUserAttribute]:
        """The user's attributes (GetUser); the answer also refreshes the cached user data.

        Raises:
            NotAuthenticatedError: no session can be had (see :meth:`get_session`).

        Example::

            for attribute in user.get_user_attributes():
                print(attribute.name, attribute.value)
        """
        return self._run(self._get_user_attributes_flow())

    def get_user_data(
        self, bypass_cache: bool = False, client_metadata: Metadata = None
    ) -> dict[str, Any]:
        """The raw GetUser answer, cached in storage under ``.userData``.

        ``Username``, ``UserAttributes``, ``MFAOptions``, ``PreferredMfaSetting``,
        ``UserMFASettingList``. A session is needed even when the answer is cached.

        Args:
            bypass_cache: fetch again even if cached. As in JS this also refreshes the tokens,
                so the ID token's claims match the new data; a failed refresh is ignored (and,
                if the refresh token was refused, the stored tokens are cleared as usual).
            client_metadata: input for the Lambda triggers of a refresh.

        Raises:
            NotAuthenticatedError: no session can be had (the cached data is dropped too).
        """
        return self._run(self._get_user_data_flow(bypass_cache, client_metadata))

    def get_mfa_options(self) -> list[dict[str, Any]]:
        """Deprecated: the user's SMS MFA settings of the old API (GetUser's ``MFAOptions``).

        Kept for parity with JS ``getMFAOptions``; use ``get_user_data()["UserMFASettingList"]``
        and ``PreferredMfaSetting`` instead. Returns ``[]`` when the user has none.

        Warns:
            DeprecationWarning: always.
        """
        deprecated("get_mfa_options()", "UserMFASettingList from get_user_data()")
        return self._run(self._get_mfa_options_flow())

    # Attributes (use cases 6-8)

    def update_attributes(
        self, attributes: AttributesInput, client_metadata: Metadata = None
    ) -> UpdateAttributesResult:
        """Change or add attributes (UpdateUserAttributes), then refetch user data and tokens.

        A changed ``email`` or ``phone_number`` gets a code (see the result) and stays
        unverified until :meth:`verify_attribute`. Like JS, the user data and tokens are then
        fetched again so the cache and ID token show the change; if that fails, the update
        still succeeded and is returned.

        Args:
            attributes: a ``{name: value}`` dict or a list of :class:`CognitoUserAttribute`.
            client_metadata: input for the pool's Lambda triggers.

        Raises:
            NotAuthenticatedError: no session can be had.
            InvalidParameterException, AliasExistsException, CodeDeliveryFailureException, ...

        Example::

            result = user.update_attributes({"email": "new@example.com", "nickname": "Al"})
            print(result.code_delivery_details_list[0].destination)
        """
        return self._run(self._update_attributes_flow(attributes, client_metadata))

    def delete_attributes(self, names: Sequence[str]) -> str:
        """Delete attributes by name (DeleteUserAttributes); returns ``'SUCCESS'``.

        The user data and tokens are then refetched, as after :meth:`update_attributes`.

        Raises:
            NotAuthenticatedError: no session can be had.
            InvalidParameterException: a required or unknown attribute.
        """
        return self._run(self._delete_attributes_flow(names))

    def get_attribute_verification_code(
        self, name: str, client_metadata: Metadata = None
    ) -> CodeDeliveryDetails:
        """Have the pool send a code to verify attribute ``name`` (``email``, ``phone_number``).

        Returns where it went. JS calls ``inputVerificationCode(data)`` or answers
        ``'SUCCESS'``; here the delivery details are the return value.

        Raises:
            NotAuthenticatedError: no session can be had.
            InvalidParameterException, LimitExceededException, CodeDeliveryFailureException, ...

        Example::

            details = user.get_attribute_verification_code("email")
            user.verify_attribute("email", input(f"Code sent to {details.destination}: "))
        """
        return self._run(self._get_attribute_verification_code_flow(name, client_metadata))

    def verify_attribute(self, name: str, code: str) -> str:
        """Verify attribute ``name`` with the code sent to it; returns ``'SUCCESS'``.

        Raises:
            NotAuthenticatedError: no session can be had.
            CodeMismatchException: wrong code.
            ExpiredCodeException: the code expired, was used, or was replaced by a newer one.
            LimitExceededException: too many wrong codes.
        """
        return self._run(self._verify_attribute_flow(name, code))

    # Passwords (use cases 11 and 12)

    def change_password(
        self, old_password: str, new_password: str, client_metadata: Metadata = None
    ) -> str:
        """Change the signed-in user's password (ChangePassword); returns ``'SUCCESS'``.

        Raises:
            NotAuthenticatedError: no session can be had.
            NotAuthorizedException: ``old_password`` is wrong.
            InvalidPasswordException: ``new_password`` breaks the pool's password policy.
            LimitExceededException: too many attempts.
        """
        flow = self._change_password_flow(old_password, new_password, client_metadata)
        return self._run(flow)

    def forgot_password(self, client_metadata: Metadata = None) -> CodeDeliveryDetails:
        """Start a password reset: the pool sends a code (ForgotPassword). No session needed.

        Returns where the code went (JS passes it to ``inputVerificationCode``/``onSuccess``).

        Raises:
            UserNotFoundException: no such user (when the pool reveals it).
            InvalidParameterException: no verified email or phone to send the code to.
            LimitExceededException: too many requests.

        Example::

            user = CognitoUser("alice", pool)
            user.forgot_password()
            user.confirm_password(input("Code: "), "N3w-Passw0rd!")
        """
        return self._run(self._forgot_password_flow(client_metadata))

    def confirm_password(
        self, code: str, new_password: str, client_metadata: Metadata = None
    ) -> str:
        """Finish a password reset with the code and a new password; returns ``'SUCCESS'``.

        Raises:
            CodeMismatchException: wrong code.
            ExpiredCodeException: the code expired, was used, or was replaced by a newer one.
            InvalidPasswordException: the password breaks the pool's password policy.
        """
        return self._run(self._confirm_password_flow(code, new_password, client_metadata))

    # Deletion and sign-out (use cases 13-15)

    def delete_user(self, client_metadata: Metadata = None) -> str:
        """Delete the signed-in user (DeleteUser), then forget the session here.

        The session in memory, the stored tokens and user data are cleared (JS keeps the session
        in memory), and so are the remembered-device keys: the pool deleted the user's devices
        (JS keeps them). Returns ``'SUCCESS'``.

        Raises:
            NotAuthenticatedError: no session can be had.
        """
        return self._run(self._delete_user_flow(client_metadata))

    def global_sign_out(self) -> str:
        """Sign the user out everywhere (GlobalSignOut), then forget the session here.

        Every refresh token of the user is revoked on the server, and access tokens are refused
        by the user pool API from then on (other services that check tokens offline may accept
        them until they expire). The session in memory, the stored tokens and user data are
        cleared (JS keeps the session in memory); remembered-device keys stay. If the call
        fails, nothing is cleared. Returns ``'SUCCESS'``.

        Raises:
            NotAuthenticatedError: no session can be had.
        """
        return self._run(self._global_sign_out_flow())

    def sign_out(self, revoke: bool = False) -> None:
        """Forget the session here: memory, stored tokens and cached user data.

        Remembered-device keys stay. Without ``revoke`` nothing is sent, so the tokens stay
        usable until they expire.

        Args:
            revoke: also revoke the refresh token (RevokeToken), which ends the tokens issued
                from it, when the access token has an ``origin_jti`` claim (revocation is on
                for the app client). Unlike JS, no valid session is needed: the stored (even
                expired) tokens are enough, so no refresh is made just to sign out.

        Raises:
            CognitoError: the revocation failed (a :class:`NetworkError`, ...). The local
                sign-out has happened anyway, as in JS, so the refresh token may stay usable on
                the server until it expires.
        """
        self._run(self._sign_out_flow(revoke))
