"""protocol/device.py: the device secret and its ConfirmDevice verifier (JS generateHashDevice),
with the randomness passed in. tests/interop/test_js_srp.py checks it against the JS library."""

from __future__ import annotations

import base64

import pytest

from cognito_identity.protocol.device import (
    RANDOM_PASSWORD_BYTES,
    SALT_BYTES,
    device_secret,
    random_password,
)
from cognito_identity.protocol.srp import (
    SrpClient,
    compute_verifier,
    pad_hex,
    server_public_b,
    server_session_key,
)

GROUP, KEY = "-AbCdEfGhI", "us-east-1_0f8fad5b-d9cb-469f-a165-70867728950e"
PASSWORD_BYTES = bytes(range(RANDOM_PASSWORD_BYTES))


def test_random_password_is_base64_of_40_bytes() -> None:
    password = random_password(PASSWORD_BYTES)
    assert len(password) == 56
    assert base64.b64decode(password) == PASSWORD_BYTES


@pytest.mark.parametrize(("first", "hex_length"), [(0x80, 34), (0x7F, 32)])
def test_salt_is_padded_like_java_big_integers(first: int, hex_length: int) -> None:
    salt = bytes([first]) + bytes(SALT_BYTES - 1)
    secret = device_secret(GROUP, KEY, PASSWORD_BYTES, salt)
    assert len(secret.salt_hex) == hex_length
    assert int(secret.salt_hex, 16) == int.from_bytes(salt, "big")


def test_verifier_is_srp_over_group_key_and_device_key() -> None:
    salt = bytes([0x9A]) * SALT_BYTES
    secret = device_secret(GROUP, KEY, PASSWORD_BYTES, salt)
    expected = compute_verifier(int.from_bytes(salt, "big"), GROUP, KEY, secret.random_password)
    assert secret.verifier_hex == pad_hex(expected)
    config = secret.verifier_config()
    assert base64.b64decode(config["Salt"]) == bytes.fromhex(secret.salt_hex)
    assert base64.b64decode(config["PasswordVerifier"]) == bytes.fromhex(secret.verifier_hex)


def test_the_verifier_lets_device_srp_agree() -> None:
    """A client knowing the password and a server knowing the verifier derive one key."""
    salt = bytes([0x11]) * SALT_BYTES
    secret = device_secret(GROUP, KEY, PASSWORD_BYTES, salt)
    verifier = int(secret.verifier_hex, 16)
    client = SrpClient.from_random_bytes(bytes([7]) * 128)
    big_b = server_public_b(verifier, 12345678901234567890)

    client_key = client.session_key(
        GROUP, KEY, secret.random_password, big_b, int(secret.salt_hex, 16)
    )
    assert client_key == server_session_key(client.large_a, big_b, 12345678901234567890, verifier)


def test_the_secret_stays_out_of_repr() -> None:
    secret = device_secret(GROUP, KEY, PASSWORD_BYTES, bytes(SALT_BYTES))
    assert secret.random_password not in repr(secret)


@pytest.mark.parametrize(("password", "salt"), [(b"short", bytes(16)), (PASSWORD_BYTES, b"x")])
def test_wrong_lengths_of_randomness_are_refused(password: bytes, salt: bytes) -> None:
    with pytest.raises(ValueError, match="random bytes"):
        device_secret(GROUP, KEY, password, salt)
