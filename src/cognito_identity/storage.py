"""Where tokens are kept between calls and between runs, with the JS library's key layout.

Keys (``P = CognitoIdentityServiceProvider.<client id>``, ``U`` = the stored user name)::

    P.LastAuthUser        U
    P.U.idToken           JWT
    P.U.accessToken       JWT
    P.U.refreshToken      opaque string ("" when there is none)
    P.U.clockDrift        integer seconds, as a string
    P.U.userData          JSON of the last GetUser answer
    P.U.deviceKey / P.U.randomPasswordKey / P.U.deviceGroupKey   (remembered devices)

Keeping the layout lets Python and JS apps share one store. Any object with the four
:class:`Storage` methods can be passed to :class:`~cognito_identity.CognitoUserPool`.

Storage is synchronous for the async classes too (:class:`~cognito_identity.AsyncCognitoUserPool`,
:class:`~cognito_identity.AsyncCognitoUser`), on purpose: the SDK reads and writes it between two
network calls, inside the steps both twins share, and every store it ships is a fast local
operation (a dict; a small file; a cookie jar), so an ``AsyncStorage`` protocol would double that
logic for nothing. For a remote store (Redis, a database) in an asyncio app, load the user's keys
into a :class:`MemoryStorage` made for the request, pass it as ``AsyncCognitoUser(name, pool,
storage=...)``, and write the changed keys back afterwards, both with your async client.
:class:`FileStorage` does blocking disk I/O (with ``fsync``); prefer it in scripts and CLIs.
"""

from __future__ import annotations

import contextlib
import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

try:  # POSIX: lock the file while it is read, changed and replaced
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

KEY_PREFIX = "CognitoIdentityServiceProvider"


@runtime_checkable
class Storage(Protocol):
    """A synchronous string-to-string store (the shape of the browser's ``localStorage``)."""

    def get_item(self, key: str) -> str | None:
        """The value under ``key``, or ``None``."""
        ...

    def set_item(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``."""
        ...

    def remove_item(self, key: str) -> None:
        """Remove ``key`` if present."""
        ...

    def clear(self) -> None:
        """Remove every key."""
        ...


@dataclass(frozen=True)
class StorageKeys:
    """Builds every storage key for one app client (the only place keys are spelled).

    Example::

        StorageKeys("abc").user("alice", "idToken")
        # 'CognitoIdentityServiceProvider.abc.alice.idToken'
    """

    client_id: str

    @property
    def prefix(self) -> str:
        """``CognitoIdentityServiceProvider.<client id>``."""
        return f"{KEY_PREFIX}.{self.client_id}"

    @property
    def last_auth_user(self) -> str:
        """The key naming the user who signed in last."""
        return f"{self.prefix}.LastAuthUser"

    def user(self, username: str, item: str) -> str:
        """The key of ``item`` (``idToken``, ``userData``, ``deviceKey``...) for ``username``."""
        return f"{self.prefix}.{username}.{item}"


class MemoryStorage:
    """A store in a dict, private to this instance (the JS one is shared by the whole process).

    Example::

        pool = CognitoUserPool(pool_id, client_id, storage=MemoryStorage())
    """

    def __init__(self) -> None:
        self._items: dict[str, str] = {}

    def get_item(self, key: str) -> str | None:
        """The value under ``key``, or ``None``."""
        return self._items.get(key)

    def set_item(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``."""
        self._items[key] = value

    def remove_item(self, key: str) -> None:
        """Remove ``key`` if present."""
        self._items.pop(key, None)

    def clear(self) -> None:
        """Remove every key."""
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class FileStorage:
    """A store in a JSON object file, readable and writable only by its owner (mode 0600).

    Every read loads the file again, so several processes sharing the file see each other's
    writes. Every write replaces the file atomically (temporary file in the same directory, then
    ``os.replace``), under an advisory lock on POSIX, so readers never see half a file. A file
    that is not a JSON object reads as empty.

    Args:
        path: the file; it and its directory are created on the first write.

    Example::

        pool = CognitoUserPool(pool_id, client_id, storage=FileStorage("~/.myapp/tokens.json"))
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path).expanduser()

    def get_item(self, key: str) -> str | None:
        """The value under ``key``, or ``None``."""
        return self._load().get(key)

    def set_item(self, key: str, value: str) -> None:
        """Store ``value`` under ``key``."""
        with self._locked():
            items = self._load()
            items[key] = value
            self._write(items)

    def remove_item(self, key: str) -> None:
        """Remove ``key`` if present."""
        with self._locked():
            items = self._load()
            if items.pop(key, None) is not None:
                self._write(items)

    def clear(self) -> None:
        """Remove every key (the file stays, holding ``{}``)."""
        with self._locked():
            self._write({})

    def _load(self) -> dict[str, str]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, ValueError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(key): str(value) for key, value in data.items()}

    def _write(self, items: dict[str, str]) -> None:
        # mkstemp creates the file with mode 0600, so tokens are never readable by others,
        # not even for a moment; os.replace then swaps it in atomically.
        import tempfile  # only when writing a file: not on every import (~3 ms)

        descriptor, temporary = tempfile.mkstemp(
            dir=self.path.parent, prefix=f".{self.path.name}.", suffix=".tmp"
        )
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                json.dump(items, handle, indent=1, sort_keys=True)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(temporary)
            raise

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Hold an exclusive lock on a sidecar file so concurrent writers do not lose updates."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if fcntl is None:  # pragma: no cover - Windows: last writer wins
            yield
            return
        lock_path = self.path.with_name(self.path.name + ".lock")
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            os.close(descriptor)
