import json
import os
import stat
from pathlib import Path

import pytest

from cognito_identity import FileStorage, MemoryStorage, Storage
from cognito_identity.storage import StorageKeys


def test_keys_follow_the_js_layout() -> None:
    keys = StorageKeys("client1")
    assert keys.last_auth_user == "CognitoIdentityServiceProvider.client1.LastAuthUser"
    assert keys.user("bob", "idToken") == "CognitoIdentityServiceProvider.client1.bob.idToken"


def test_memory_storage_basics() -> None:
    store = MemoryStorage()
    assert store.get_item("k") is None
    store.set_item("k", "v")
    assert store.get_item("k") == "v"
    store.remove_item("k")
    store.remove_item("missing")
    assert store.get_item("k") is None
    store.set_item("a", "1")
    store.clear()
    assert len(store) == 0


def test_memory_storages_are_isolated() -> None:
    first, second = MemoryStorage(), MemoryStorage()
    first.set_item("k", "v")
    assert second.get_item("k") is None


def test_both_satisfy_the_protocol(tmp_path: Path) -> None:
    assert isinstance(MemoryStorage(), Storage)
    assert isinstance(FileStorage(tmp_path / "t.json"), Storage)


def test_file_storage_round_trip_and_reopen(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "tokens.json"
    store = FileStorage(path)
    assert store.get_item("k") is None
    store.set_item("k", "v")
    store.set_item("other", "w")
    assert FileStorage(path).get_item("k") == "v"
    assert json.loads(path.read_text()) == {"k": "v", "other": "w"}
    store.remove_item("k")
    assert FileStorage(path).get_item("k") is None
    store.clear()
    assert json.loads(path.read_text()) == {}


@pytest.mark.skipif(os.name != "posix", reason="POSIX modes")
def test_file_storage_is_private(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    path.write_text("{}")
    path.chmod(0o644)
    FileStorage(path).set_item("k", "v")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_file_storage_replaces_atomically(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    store = FileStorage(path)
    store.set_item("k", "v")
    before = path.stat().st_ino
    store.set_item("k", "w")
    assert path.stat().st_ino != before  # a new file was swapped in, not rewritten in place
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_two_instances_see_each_others_writes(tmp_path: Path) -> None:
    path = tmp_path / "tokens.json"
    first, second = FileStorage(path), FileStorage(path)
    first.set_item("a", "1")
    second.set_item("b", "2")
    assert first.get_item("b") == "2"
    assert second.get_item("a") == "1"


@pytest.mark.parametrize("content", ["not json", "[1, 2]", ""])
def test_unreadable_file_reads_as_empty(tmp_path: Path, content: str) -> None:
    path = tmp_path / "tokens.json"
    path.write_text(content)
    store = FileStorage(path)
    assert store.get_item("k") is None
    store.set_item("k", "v")
    assert store.get_item("k") == "v"
