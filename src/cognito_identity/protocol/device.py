"""The secret of a remembered device and its ConfirmDevice verifier (JS ``generateHashDevice``).

After a sign-in that returns ``NewDeviceMetadata {DeviceKey, DeviceGroupKey}``, the client makes
up a random password for the device and sends the pool only a salt and an SRP verifier of it::

    random_password = base64(40 random bytes)                      (56 characters)
    salt_hex        = padHex(int(16 random bytes))                 (32 or 34 hex digits)
    x               = H(padHex(salt) || hex(H(group_key + device_key + ":" + random_password)))
    verifier_hex    = padHex(g^x mod N)
    DeviceSecretVerifierConfig = {Salt: base64(bytes(salt_hex)),
                                  PasswordVerifier: base64(bytes(verifier_hex))}

Device SRP later proves the password with the same maths as a user's password, the device
group key playing the pool name and the device key the user name (:mod:`.srp`).

Nothing here draws randomness: callers pass the random bytes in, so tests can fix them.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass, field

from .srp import compute_verifier, pad_hex

#: Random bytes behind a device password (the JS library's ``randomBytes(40)``).
RANDOM_PASSWORD_BYTES = 40
#: Random bytes behind a device salt (the JS library's ``randomBytes(16)``).
SALT_BYTES = 16


@dataclass(frozen=True)
class DeviceSecret:
    """A device's random password and the salt and verifier the pool keeps instead of it.

    Attributes:
        random_password: the secret (base64, 56 characters); stays on the device, in the user's
            storage under ``randomPasswordKey``. Hidden from ``repr``.
        salt_hex: the salt as ``padHex`` gives it.
        verifier_hex: the SRP verifier as ``padHex`` gives it.
    """

    random_password: str = field(repr=False)
    salt_hex: str
    verifier_hex: str = field(repr=False)

    def verifier_config(self) -> dict[str, str]:
        """ConfirmDevice's ``DeviceSecretVerifierConfig``: base64 of the padded bytes."""
        return {
            "Salt": _b64_of_hex(self.salt_hex),
            "PasswordVerifier": _b64_of_hex(self.verifier_hex),
        }


def random_password(random_bytes: bytes) -> str:
    """The device password made of :data:`RANDOM_PASSWORD_BYTES` secure random bytes."""
    _check_length(random_bytes, RANDOM_PASSWORD_BYTES, "password")
    return base64.b64encode(random_bytes).decode()


def device_secret(
    device_group_key: str, device_key: str, password_bytes: bytes, salt_bytes: bytes
) -> DeviceSecret:
    """The password, salt and verifier for a new device (JS ``generateHashDevice``).

    Args:
        device_group_key: ``NewDeviceMetadata.DeviceGroupKey`` (SRP's "pool name").
        device_key: ``NewDeviceMetadata.DeviceKey`` (SRP's "user name").
        password_bytes: :data:`RANDOM_PASSWORD_BYTES` bytes from a secure source.
        salt_bytes: :data:`SALT_BYTES` bytes from a secure source.

    Raises:
        ValueError: a random input of the wrong length.
    """
    _check_length(salt_bytes, SALT_BYTES, "salt")
    password = random_password(password_bytes)
    salt_hex = pad_hex(int.from_bytes(salt_bytes, "big"))
    verifier = compute_verifier(int(salt_hex, 16), device_group_key, device_key, password)
    return DeviceSecret(password, salt_hex, pad_hex(verifier))


def _b64_of_hex(hex_string: str) -> str:
    return base64.b64encode(bytes.fromhex(hex_string)).decode()


def _check_length(data: bytes, expected: int, what: str) -> None:
    if len(data) != expected:
        raise ValueError(f"The device {what} needs {expected} random bytes, not {len(data)}")
