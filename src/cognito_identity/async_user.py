"""The async twin of :class:`~cognito_identity.CognitoUser`: :class:`AsyncCognitoUser`.

Every method runs the same step of the shared user logic (:mod:`._user_base` and its mixins)
as its sync twin, with the async driver, so the two never differ in what they send, keep or
raise. Their documentation is on :class:`~cognito_identity.CognitoUser`; a test checks that the
two classes have the same methods with the same parameters.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

from . import callbacks as _callbacks
from ._challenge_data import challenge_from_step
from ._flows import ChallengeStep, Flow
from ._user_account import AccountFlows
from ._user_base import Metadata
from ._user_challenges import ChallengeFlows
from ._user_devices import DeviceFlows
from ._user_devices_api import MAX_PAGE_SIZE
from ._user_mfa import MfaFlows, MfaSettings, deprecated
from .attributes import AttributesInput, CognitoUserAttribute
from .auth_details import AuthenticationDetails
from .challenges import ASYNC_CHALLENGES, AsyncAuthResult, AsyncChallenge
from .delivery import CodeDeliveryDetails, UpdateAttributesResult
from .devices import Device, DevicePage
from .storage import Storage
from .tokens import CognitoRefreshToken, CognitoUserSession

if TYPE_CHECKING:
    from .callbacks import Callbacks
    from .pool import AsyncCognitoUserPool

T = TypeVar("T")


class AsyncCognitoUser(
    AccountFlows[AsyncChallenge],
    DeviceFlows[AsyncChallenge],
    ChallengeFlows[AsyncChallenge],
    MfaFlows[AsyncChallenge],
):
    """A user of an :class:`~cognito_identity.AsyncCognitoUserPool`: the async twin of
    :class:`~cognito_identity.CognitoUser`.

    Every method that talks to the pool is a coroutine; the accessors (``get_username``,
    ``get_sign_in_user_session``, ``set_authentication_flow_type``...) are plain methods.
    Challenges come back as the async challenge classes (``AsyncSmsMfaChallenge``...), answered
    with ``await``. Storage is read and written synchronously between calls (see
    :mod:`cognito_identity.storage`). One instance is one user's state: give each concurrent
    sign-in its own instance (they may share the pool).

    Args:
        username: the user name, email or phone number the user signs in with.
        pool: the :class:`~cognito_identity.AsyncCognitoUserPool`.
        storage: where tokens are kept (default: the pool's).

    Example::

        user = AsyncCognitoUser("alice", pool)
        result = await user.authenticate_user(AuthenticationDetails("alice", password))
        if isinstance(result, AsyncSmsMfaChallenge):
            result = await result.answer(code)
    """

    pool: AsyncCognitoUserPool

    def __init__(
        self, username: str, pool: AsyncCognitoUserPool, storage: Storage | None = None
    ) -> None:
        super().__init__(username, pool, storage)

    def _challenge_of(self, step: ChallengeStep) -> AsyncChallenge:
        return challenge_from_step(self, step, ASYNC_CHALLENGES)

    async def _run(self, flow: Flow[T]) -> T:
        return await self.pool._run(flow)

    # Registration

    async def confirm_registration(
        self, code: str, force_alias_creation: bool = False, client_metadata: Metadata = None
    ) -> str:
        """See :meth:`CognitoUser.confirm_registration`."""
        flow = self._confirm_registration_flow(code, force_alias_creation, client_metadata)
        return await self._run(flow)

    async def resend_confirmation_code(self, client_metadata: Metadata = None) -> dict[str, Any]:
        """See :meth:`CognitoUser.resend_confirmation_code`."""
        return await self._run(self._resend_confirmation_code_flow(client_metadata))

    # Sign-in

    @overload
    async def authenticate_user(self, details: AuthenticationDetails) -> AsyncAuthResult: ...

    @overload
    async def authenticate_user(
        self, details: AuthenticationDetails, callbacks: Callbacks
    ) -> None: ...

    async def authenticate_user(
        self, details: AuthenticationDetails, callbacks: Callbacks | None = None
    ) -> AsyncAuthResult | None:
        """See :meth:`CognitoUser.authenticate_user`; ``callbacks`` handlers may be coroutine
        functions (see :func:`cognito_identity.callbacks.asettle`)."""
        if callbacks is not None:
            await _callbacks.asettle(callbacks, self.authenticate_user(details))
            return None
        return await self._run(self._authenticate_user_flow(details))

    async def initiate_auth(self, details: AuthenticationDetails) -> AsyncAuthResult:
        """See :meth:`CognitoUser.initiate_auth`."""
        return await self._run(self._initiate_auth_flow(details))

    # Session

    async def get_session(self, client_metadata: Metadata = None) -> CognitoUserSession:
        """See :meth:`CognitoUser.get_session`."""
        return await self._run(self._get_session_flow(client_metadata))

    async def refresh_session(
        self,
        refresh_token: CognitoRefreshToken | str | None = None,
        client_metadata: Metadata = None,
    ) -> CognitoUserSession:
        """See :meth:`CognitoUser.refresh_session`."""
        return await self._run(self._refresh_session_flow(refresh_token, client_metadata))

    # Challenges, JS style

    async def send_mfa_code(
        self, code: str, mfa_type: str = "SMS_MFA", client_metadata: Metadata = None
    ) -> AsyncAuthResult:
        """See :meth:`CognitoUser.send_mfa_code`."""
        return await self._run(self._send_mfa_code_flow(code, mfa_type, client_metadata))

    async def send_mfa_selection_answer(self, answer: str) -> AsyncAuthResult:
        """See :meth:`CognitoUser.send_mfa_selection_answer`."""
        return await self._run(self._send_mfa_selection_answer_flow(answer))

    async def complete_new_password_challenge(
        self,
        new_password: str,
        required_attribute_data: Mapping[str, str] | None = None,
        client_metadata: Metadata = None,
    ) -> AsyncAuthResult:
        """See :meth:`CognitoUser.complete_new_password_challenge`."""
        flow = self._complete_new_password_challenge_flow(
            new_password, required_attribute_data, client_metadata
        )
        return await self._run(flow)

    async def send_custom_challenge_answer(
        self, answer: str, client_metadata: Metadata = None
    ) -> AsyncAuthResult:
        """See :meth:`CognitoUser.send_custom_challenge_answer`."""
        return await self._run(self._send_custom_challenge_answer_flow(answer, client_metadata))

    async def associate_software_token(self) -> str:
        """See :meth:`CognitoUser.associate_software_token`."""
        return await self._run(self._associate_software_token_flow())

    async def verify_software_token(
        self, code: str, friendly_device_name: str | None = None
    ) -> AsyncAuthResult | dict[str, Any]:
        """See :meth:`CognitoUser.verify_software_token`."""
        return await self._run(self._verify_software_token_flow(code, friendly_device_name))

    # MFA settings

    async def set_user_mfa_preference(
        self,
        sms_settings: MfaSettings | None,
        totp_settings: MfaSettings | None,
        email_settings: MfaSettings | None = None,
    ) -> str:
        """See :meth:`CognitoUser.set_user_mfa_preference`."""
        flow = self._set_user_mfa_preference_flow(sms_settings, totp_settings, email_settings)
        return await self._run(flow)

    async def enable_mfa(self) -> str:
        """Deprecated, as in JS: see :meth:`CognitoUser.enable_mfa`."""
        deprecated("enable_mfa", "set_user_mfa_preference")
        return await self._run(self._set_sms_mfa_flow(True))

    async def disable_mfa(self) -> str:
        """Deprecated, as in JS: see :meth:`CognitoUser.disable_mfa`."""
        deprecated("disable_mfa", "set_user_mfa_preference")
        return await self._run(self._set_sms_mfa_flow(False))

    # Profile

    async def get_user_attributes(self) -> list[CognitoUserAttribute]:
        """See :meth:`CognitoUser.get_user_attributes`."""
        return await self._run(self._get_user_attributes_flow())

    async def get_user_data(
        self, bypass_cache: bool = False, client_metadata: Metadata = None
    ) -> dict[str, Any]:
        """See :meth:`CognitoUser.get_user_data`."""
        return await self._run(self._get_user_data_flow(bypass_cache, client_metadata))

    async def get_mfa_options(self) -> list[dict[str, Any]]:
        """Deprecated: see :meth:`CognitoUser.get_mfa_options`."""
        deprecated("get_mfa_options()", "UserMFASettingList from get_user_data()")
        return await self._run(self._get_mfa_options_flow())

    # Attributes

    async def update_attributes(
        self, attributes: AttributesInput, client_metadata: Metadata = None
    ) -> UpdateAttributesResult:
        """See :meth:`CognitoUser.update_attributes`."""
        return await self._run(self._update_attributes_flow(attributes, client_metadata))

    async def delete_attributes(self, names: Sequence[str]) -> str:
        """See :meth:`CognitoUser.delete_attributes`."""
        return await self._run(self._delete_attributes_flow(names))

    async def get_attribute_verification_code(
        self, name: str, client_metadata: Metadata = None
    ) -> CodeDeliveryDetails:
        """See :meth:`CognitoUser.get_attribute_verification_code`."""
        flow = self._get_attribute_verification_code_flow(name, client_metadata)
        return await self._run(flow)

    async def verify_attribute(self, name: str, code: str) -> str:
        """See :meth:`CognitoUser.verify_attribute`."""
        return await self._run(self._verify_attribute_flow(name, code))

    # Passwords

    async def change_password(
        self, old_password: str, new_password: str, client_metadata: Metadata = None
    ) -> str:
        """See :meth:`CognitoUser.change_password`."""
        flow = self._change_password_flow(old_password, new_password, client_metadata)
        return await self._run(flow)

    async def forgot_password(self, client_metadata: Metadata = None) -> CodeDeliveryDetails:
        """See :meth:`CognitoUser.forgot_password`."""
        return await self._run(self._forgot_password_flow(client_metadata))

    async def confirm_password(
        self, code: str, new_password: str, client_metadata: Metadata = None
    ) -> str:
        """See :meth:`CognitoUser.confirm_password`."""
        return await self._run(self._confirm_password_flow(code, new_password, client_metadata))

    # Deletion and sign-out

    async def delete_user(self, client_metadata: Metadata = None) -> str:
        """See :meth:`CognitoUser.delete_user`."""
        return await self._run(self._delete_user_flow(client_metadata))

    async def global_sign_out(self) -> str:
        """See :meth:`CognitoUser.global_sign_out`."""
        return await self._run(self._global_sign_out_flow())

    async def sign_out(self, revoke: bool = False) -> None:
        """See :meth:`CognitoUser.sign_out`."""
        await self._run(self._sign_out_flow(revoke))

    # Devices

    async def get_device(self) -> Device:
        """See :meth:`CognitoUser.get_device`."""
        return await self._run(self._get_device_flow())

    async def list_devices(self, limit: int, pagination_token: str | None = None) -> DevicePage:
        """See :meth:`CognitoUser.list_devices`."""
        return await self._run(self._list_devices_flow(limit, pagination_token))

    async def iter_devices(self, page_size: int = MAX_PAGE_SIZE) -> AsyncIterator[Device]:
        """See :meth:`CognitoUser.iter_devices` (``async for device in user.iter_devices()``)."""
        token: str | None = None
        while True:
            page = await self.list_devices(page_size, token)
            for device in page.devices:
                yield device
            token = page.pagination_token
            if token is None:
                return

    async def set_device_status_remembered(self) -> str:
        """See :meth:`CognitoUser.set_device_status_remembered`."""
        return await self._run(self._set_device_status_remembered_flow())

    async def set_device_status_not_remembered(self) -> str:
        """See :meth:`CognitoUser.set_device_status_not_remembered`."""
        return await self._run(self._set_device_status_not_remembered_flow())

    async def forget_device(self) -> str:
        """See :meth:`CognitoUser.forget_device`."""
        return await self._run(self._forget_device_flow())

    async def forget_specific_device(self, device_key: str) -> str:
        """See :meth:`CognitoUser.forget_specific_device`."""
        return await self._run(self._forget_specific_device_flow(device_key))
