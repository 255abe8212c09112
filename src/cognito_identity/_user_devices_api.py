"""The device methods of :class:`~cognito_identity.CognitoUser` (README use cases 18-22).

A mixin so ``user.py`` stays about signing in. Each method runs one step of
:class:`~._user_devices.DeviceFlows` with the sync driver; the async twins are on
:class:`~cognito_identity.AsyncCognitoUser`.

How sign-in uses the remembered device: after a sign-in that registers a new device (the pool
tracks devices and sends ``NewDeviceMetadata``), the SDK confirms it (ConfirmDevice) and stores
``deviceKey``, ``randomPasswordKey`` and ``deviceGroupKey`` under the user, with the JS names.
The next sign-in names the device (``DEVICE_KEY``) and proves it with device SRP, so a pool
that trusts remembered devices asks for no MFA code.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, TypeVar

from ._flows import Flow
from ._user_devices import DeviceFlows
from .challenges import Challenge
from .devices import Device, DevicePage

if TYPE_CHECKING:
    from .pool import CognitoUserPool

T = TypeVar("T")
#: The most devices ListDevices returns at once.
MAX_PAGE_SIZE = 60


class DeviceMethods(DeviceFlows[Challenge]):
    """The device methods of :class:`~cognito_identity.CognitoUser` (mixed into it).

    "This device" is the one remembered for the user in storage, read automatically (also for
    a user from ``pool.get_current_user()``; JS needs ``getCachedDeviceKeyAndPassword`` first).
    Each method gets a valid session first (refreshing it if needed).
    """

    pool: CognitoUserPool

    def _run(self, flow: Flow[T]) -> T:
        return self.pool._run(flow)

    def get_device(self) -> Device:
        """This device, as the pool knows it (GetDevice; use case 19).

        Raises:
            ValueError: no device is remembered for this user.
            ResourceNotFoundException: the pool no longer knows the device.
        """
        return self._run(self._get_device_flow())

    def list_devices(self, limit: int, pagination_token: str | None = None) -> DevicePage:
        """One page of the user's devices (ListDevices; use case 18).

        Args:
            limit: the most devices to return (Cognito allows up to 60).
            pagination_token: the previous page's ``pagination_token``; ``None`` for the first.

        Example::

            page = user.list_devices(10)
            names = [device.name for device in page.devices]
        """
        return self._run(self._list_devices_flow(limit, pagination_token))

    def iter_devices(self, page_size: int = MAX_PAGE_SIZE) -> Iterator[Device]:
        """Every device of the user, fetching pages of ``page_size`` as they are needed.

        Example::

            for device in user.iter_devices():
                print(device.key, device.name, device.last_authenticated_date)
        """
        token: str | None = None
        while True:
            page = self.list_devices(page_size, token)
            yield from page.devices
            token = page.pagination_token
            if token is None:
                return

    def set_device_status_remembered(self) -> str:
        """Remember this device (UpdateDeviceStatus; use case 20); returns ``'SUCCESS'``.

        Call it when a sign-in's session has ``user_confirmation_necessary`` and the user
        agreed: from then on this device's sign-ins may skip MFA.
        """
        return self._run(self._set_device_status_remembered_flow())

    def set_device_status_not_remembered(self) -> str:
        """Stop remembering this device (UpdateDeviceStatus; use case 21); ``'SUCCESS'``.

        The keys stay stored: the device still signs in with device SRP, but the pool asks
        for MFA again.
        """
        return self._run(self._set_device_status_not_remembered_flow())

    def forget_device(self) -> str:
        """Forget this device on the pool (ForgetDevice; use case 22) and its stored keys;
        returns ``'SUCCESS'``. The next sign-in registers the device anew (after MFA)."""
        return self._run(self._forget_device_flow())

    def forget_specific_device(self, device_key: str) -> str:
        """Forget the device ``device_key`` of the user (ForgetDevice); ``'SUCCESS'``.

        When it is this device, its stored keys are removed too.
        """
        return self._run(self._forget_specific_device_flow(device_key))
