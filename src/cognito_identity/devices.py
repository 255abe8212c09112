"""Remembered devices: what ``get_device`` and ``list_devices`` return, and the device this
store remembers for a user.

The device methods are on :class:`~cognito_identity.CognitoUser` (and its async twin):
``get_device``, ``list_devices``, ``iter_devices``, ``set_device_status_remembered``,
``set_device_status_not_remembered``, ``forget_device``, ``forget_specific_device`` and
``get_cached_device_key_and_password``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from ._version import __version__

__all__ = ["Device", "DevicePage", "RememberedDevice", "default_device_name"]

#: The attribute the pool sets to ``remembered`` or ``not_remembered``.
REMEMBERED_STATUS = "dev:device_remembered_status"


@dataclass(frozen=True)
class RememberedDevice:
    """The device keys kept in storage after ConfirmDevice (JS ``deviceKey``,
    ``deviceGroupKey`` and ``randomPassword``).

    Attributes:
        device_key: the device's key (``us-east-1_<uuid>``).
        device_group_key: its group key (device SRP's "pool name").
        random_password: the device's secret; hidden from ``repr``. Never log it: with the
            user's password it skips MFA on pools that trust remembered devices.
    """

    device_key: str
    device_group_key: str
    random_password: str = field(repr=False)


@dataclass(frozen=True)
class Device:
    """A device of the signed-in user (Cognito's ``DeviceType``).

    Attributes:
        key: ``DeviceKey``.
        attributes: ``DeviceAttributes`` as a dict (``device_name``, ``device_status``,
            ``dev:device_remembered_status``, ``last_ip_used``...).
        create_date, last_modified_date, last_authenticated_date: the dates, in UTC, when the
            pool sent them.
        raw: the ``DeviceType`` exactly as the pool sent it.
    """

    key: str
    attributes: Mapping[str, str]
    create_date: datetime | None
    last_modified_date: datetime | None
    last_authenticated_date: datetime | None
    raw: Mapping[str, Any] = field(repr=False, compare=False)

    @property
    def name(self) -> str | None:
        """The ``device_name`` attribute (the name given at ConfirmDevice)."""
        return self.attributes.get("device_name")

    @property
    def remembered(self) -> bool:
        """Whether the device is remembered (``dev:device_remembered_status``)."""
        return self.attributes.get(REMEMBERED_STATUS) == "remembered"

    @classmethod
    def from_wire(cls, data: Mapping[str, Any]) -> Device:
        """A device from a ``DeviceType`` dict (GetDevice's ``Device``, ListDevices' items)."""
        return cls(
            key=str(data.get("DeviceKey") or ""),
            attributes=_attributes(data.get("DeviceAttributes")),
            create_date=_date(data.get("DeviceCreateDate")),
            last_modified_date=_date(data.get("DeviceLastModifiedDate")),
            last_authenticated_date=_date(data.get("DeviceLastAuthenticatedDate")),
            raw=dict(data),
        )


@dataclass(frozen=True)
class DevicePage:
    """One page of ListDevices.

    Attributes:
        devices: the devices of this page.
        pagination_token: pass it to the next ``list_devices`` call; ``None`` on the last page.
        raw: the answer exactly as the pool sent it.
    """

    devices: tuple[Device, ...]
    pagination_token: str | None
    raw: Mapping[str, Any] = field(repr=False, compare=False)

    @classmethod
    def from_wire(cls, answer: Mapping[str, Any]) -> DevicePage:
        """A page from the ListDevices answer."""
        items = answer.get("Devices") or []
        token = answer.get("PaginationToken")
        devices = tuple(Device.from_wire(item) for item in items if isinstance(item, Mapping))
        return cls(devices, token if isinstance(token, str) and token else None, dict(answer))


def _attributes(value: Any) -> dict[str, str]:
    if not isinstance(value, list):
        return {}
    pairs = (item for item in value if isinstance(item, Mapping) and "Name" in item)
    return {str(item["Name"]): str(item.get("Value", "")) for item in pairs}


def _date(value: Any) -> datetime | None:
    # The JSON protocol sends epoch seconds (a float); botocore would give a datetime.
    if isinstance(value, datetime):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return datetime.fromtimestamp(value, tz=timezone.utc)
    return None


def default_device_name() -> str:
    """The ``DeviceName`` sent with ConfirmDevice unless the user's ``device_name`` is set:
    ``cognito-identity-python/<version> (<system>; Python <version>)``, the way the JS library
    sends its user agent."""
    import platform  # only for a new device's default name: not on every import (~1.5 ms)

    system = platform.system() or "unknown"
    return f"cognito-identity-python/{__version__} ({system}; Python {platform.python_version()})"
