"""What the SDK keeps in a :class:`~cognito_identity.storage.Storage` for one user.

The user classes (sync and, later, async) share this: they decide *when* to cache, this module
knows *what* goes under which key (see :mod:`cognito_identity.storage` for the layout).
"""

from __future__ import annotations

import json
from typing import Any

from .devices import RememberedDevice
from .storage import Storage, StorageKeys
from .tokens import (
    Clock,
    CognitoAccessToken,
    CognitoIdToken,
    CognitoRefreshToken,
    CognitoUserSession,
)

_TOKEN_ITEMS = ("idToken", "accessToken", "refreshToken", "clockDrift")
_DEVICE_ITEMS = ("deviceKey", "randomPasswordKey", "deviceGroupKey")


class UserCache:
    """Reads and writes one user's tokens, cached GetUser data and device key."""

    def __init__(self, storage: Storage, keys: StorageKeys, username: str) -> None:
        self.storage = storage
        self.keys = keys
        self.username = username

    def _get(self, item: str) -> str | None:
        return self.storage.get_item(self.keys.user(self.username, item))

    def _set(self, item: str, value: str) -> None:
        self.storage.set_item(self.keys.user(self.username, item), value)

    def _remove(self, item: str) -> None:
        self.storage.remove_item(self.keys.user(self.username, item))

    def save_session(self, session: CognitoUserSession) -> None:
        """Store the session's tokens and clock drift, and make this the last user."""
        refresh = session.refresh_token.token if session.refresh_token else ""
        self._set("idToken", session.id_token.jwt_token)
        self._set("accessToken", session.access_token.jwt_token)
        self._set("refreshToken", refresh)
        self._set("clockDrift", str(session.clock_drift))
        self.storage.set_item(self.keys.last_auth_user, self.username)

    def load_session(self, clock: Clock) -> CognitoUserSession | None:
        """The stored session, or ``None`` when no ID token is stored."""
        id_token = self._get("idToken")
        if not id_token:
            return None
        refresh = self._get("refreshToken")
        return CognitoUserSession(
            CognitoIdToken(id_token),
            CognitoAccessToken(self._get("accessToken") or ""),
            CognitoRefreshToken(refresh) if refresh else None,
            _parse_drift(self._get("clockDrift")),
            clock=clock,
        )

    def clear_tokens(self) -> None:
        """Forget the tokens; LastAuthUser too when it names this user."""
        for item in _TOKEN_ITEMS:
            self._remove(item)
        # JS removes LastAuthUser whoever it names; only removing our own is kinder to
        # an app where another user signed in on the same store since.
        if self.storage.get_item(self.keys.last_auth_user) == self.username:
            self.storage.remove_item(self.keys.last_auth_user)

    def load_user_data(self) -> dict[str, Any] | None:
        """The cached GetUser answer, or ``None`` (also when the cached JSON is broken)."""
        text = self._get("userData")
        if not text:
            return None
        try:
            data = json.loads(text)
        except ValueError:
            return None
        return data if isinstance(data, dict) else None

    def save_user_data(self, data: dict[str, Any]) -> None:
        """Cache a GetUser answer."""
        self._set("userData", json.dumps(data))

    def clear_user_data(self) -> None:
        """Forget the cached GetUser answer."""
        self._remove("userData")

    def clear_user(self) -> None:
        """Forget tokens and cached user data; remembered-device keys stay."""
        self.clear_tokens()
        self.clear_user_data()

    def device_key(self) -> str | None:
        """The remembered device key of this user, if any."""
        return self._get("deviceKey") or None

    def device_key_of(self, username: str) -> str | None:
        """The remembered device key of another user name of the same store."""
        return UserCache(self.storage, self.keys, username).device_key()

    def load_device(self) -> RememberedDevice | None:
        """The remembered device (``None`` unless all three keys are stored)."""
        key, password, group = (self._get(item) for item in _DEVICE_ITEMS)
        if not key or not password or not group:
            return None
        return RememberedDevice(key, group, password)

    def save_device(self, device: RememberedDevice) -> None:
        """Store a confirmed device under the JS names (the secret only ever goes here)."""
        self._set("deviceKey", device.device_key)
        self._set("randomPasswordKey", device.random_password)
        self._set("deviceGroupKey", device.device_group_key)

    def clear_device(self) -> None:
        """Forget the remembered device (its keys and secret)."""
        for item in _DEVICE_ITEMS:
            self._remove(item)


def _parse_drift(text: str | None) -> int:
    """The stored clock drift; like JS ``parseInt(v) || 0``."""
    try:
        return int(text or 0)
    except ValueError:
        return 0
