"""SECRET_HASH = base64(HMAC-SHA256(key=client secret, msg=username + client id))."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from cognito_identity.protocol.secret_hash import secret_hash, verify_secret_hash

CLIENT_ID = "1example23456789abcdefghij"
CLIENT_SECRET = "k7qfk0w1ek5ttqsksuvbgp7mr04hdo8ssuh0mo5pspgb5dv5fa1"


def _independent(username: str, client_id: str, client_secret: str) -> str:
    mac = hmac.new(client_secret.encode("utf-8"), digestmod=hashlib.sha256)
    mac.update(username.encode("utf-8"))
    mac.update(client_id.encode("utf-8"))
    return base64.b64encode(mac.digest()).decode("ascii")


@pytest.mark.parametrize(
    "username", ["alice", "Ålice@example.com", "d4c8b2a0-1f2e-4d3c-9b8a-7f6e5d4c3b2a", "用户🔑"]
)
def test_secret_hash_matches_independent_hmac(username: str) -> None:
    value = secret_hash(username, CLIENT_ID, CLIENT_SECRET)
    assert value == _independent(username, CLIENT_ID, CLIENT_SECRET)
    assert len(base64.b64decode(value)) == 32


def test_secret_hash_depends_on_every_input() -> None:
    base = secret_hash("alice", CLIENT_ID, CLIENT_SECRET)
    assert secret_hash("alicf", CLIENT_ID, CLIENT_SECRET) != base
    assert secret_hash("alice", CLIENT_ID + "x", CLIENT_SECRET) != base
    assert secret_hash("alice", CLIENT_ID, CLIENT_SECRET[:-1] + "2") != base


def test_verify_secret_hash() -> None:
    value = _independent("alice", CLIENT_ID, CLIENT_SECRET)
    assert verify_secret_hash(value, "alice", CLIENT_ID, CLIENT_SECRET)
    assert not verify_secret_hash(value, "bob", CLIENT_ID, CLIENT_SECRET)
    assert not verify_secret_hash(value, "alice", "otherclient", CLIENT_SECRET)
    assert not verify_secret_hash(value, "alice", CLIENT_ID, "other-secret")
    raw = bytearray(base64.b64decode(value))
    raw[0] ^= 0x01
    assert not verify_secret_hash(base64.b64encode(raw).decode(), "alice", CLIENT_ID, CLIENT_SECRET)
    assert not verify_secret_hash("", "alice", CLIENT_ID, CLIENT_SECRET)
