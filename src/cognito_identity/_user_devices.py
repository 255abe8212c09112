"""Device steps of both user twins: behind ``get_device``, ``list_devices``,
``set_device_status_remembered`` / ``_not_remembered``, ``forget_device`` and
``forget_specific_device`` (README use cases 18-22), plus ``get_cached_device_key_and_password``.

Signing in with a remembered device (DEVICE_SRP_AUTH) and confirming a new one are part of
sign-in, in :mod:`._user_base`. Each step here gets a valid session first (refreshing it if
needed), like every other method of this SDK that needs one.

"This device" is the one stored for the user (``deviceKey``); when none is stored (the keys
were written by another app, say), the ``device_key`` claim of the access token names it.
Unlike JS, nothing has to be loaded by hand first: the stored keys are read when needed.
"""

from __future__ import annotations

from ._flows import Flow
from ._flows import devices as flows
from ._user_base import BaseCognitoUser, C
from .devices import Device, DevicePage, RememberedDevice

_NO_DEVICE = (
    "This user has no remembered device: no device key is stored for it and the access "
    "token names none (does the pool track devices?)"
)


class DeviceFlows(BaseCognitoUser[C]):
    """Device steps (mixed into both user twins)."""

    def get_cached_device_key_and_password(self) -> RememberedDevice | None:
        """The device stored for this user (JS ``getCachedDeviceKeyAndPassword``), or ``None``.

        Only for parity with JS: the SDK reads the stored keys itself whenever it needs them.
        The result holds the device secret (hidden from ``repr``): never log it.
        """
        return self._cache.load_device()

    def _get_device_flow(self) -> Flow[Device]:
        token, key = yield from self._token_and_device()
        return (yield from flows.get_device(token, key))

    def _list_devices_flow(self, limit: int, pagination_token: str | None) -> Flow[DevicePage]:
        token = (yield from self._get_session_flow(None)).access_token.jwt_token
        return (yield from flows.list_devices(token, limit, pagination_token))

    def _set_device_status_flow(self, status: str) -> Flow[str]:
        token, key = yield from self._token_and_device()
        return (yield from flows.update_device_status(token, key, status))

    def _set_device_status_remembered_flow(self) -> Flow[str]:
        return self._set_device_status_flow("remembered")

    def _set_device_status_not_remembered_flow(self) -> Flow[str]:
        return self._set_device_status_flow("not_remembered")

    def _forget_device_flow(self) -> Flow[str]:
        token, key = yield from self._token_and_device()
        return (yield from self._forget(token, key))

    def _forget_specific_device_flow(self, device_key: str) -> Flow[str]:
        token = (yield from self._get_session_flow(None)).access_token.jwt_token
        return (yield from self._forget(token, device_key))

    def _forget(self, token: str, device_key: str) -> Flow[str]:
        result = yield from flows.forget_device(token, device_key)
        if self._cache.device_key() == device_key:
            # A forgotten device is unknown to the pool: its keys are of no use any more.
            self._cache.clear_device()
        return result

    def _token_and_device(self) -> Flow[tuple[str, str]]:
        """A valid access token and this device's key.

        Raises:
            ValueError: no device is stored and the access token names none.
        """
        access_token = (yield from self._get_session_flow(None)).access_token
        claim = access_token.payload.get("device_key")
        key = self._cache.device_key() or (claim if isinstance(claim, str) else None)
        if not key:
            raise ValueError(_NO_DEVICE)
        return access_token.jwt_token, key
