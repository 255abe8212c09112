"""TOTP (RFC 6238) over HOTP (RFC 4226): what authenticator apps compute, as pure functions.

Time is a parameter, never read from a clock, and the secret's randomness is passed in, so the
server and the tests share one implementation and the RFC's vectors pin it::

    secret = secret_from_random(os.urandom(32))   # base32, as AssociateSoftwareToken returns
    code = totp(secret_bytes(secret), at=time.time())
    step = match_step(secret_bytes(secret), code, at=time.time())   # int, or None if wrong

Only HMAC-SHA1, 30-second steps and 6 digits are used by Cognito (and by this server); the
digest and digit count are parameters so the RFC's 8-digit vectors can be checked too.
"""

from __future__ import annotations

import base64
import hmac
import struct

STEP_SECONDS = 30
DIGITS = 6
#: How many steps before and after the current one a code may come from (clock drift).
WINDOW = 1


def secret_from_random(random: bytes) -> str:
    """A base32 secret (no ``=`` padding, upper case) made from ``random`` bytes."""
    return base64.b32encode(random).decode().rstrip("=")


def secret_bytes(secret: str) -> bytes:
    """The key bytes of a base32 secret (padding optional, case and spaces ignored).

    Raises:
        ValueError: ``secret`` is not base32.
    """
    cleaned = secret.replace(" ", "").upper()
    padded = cleaned + "=" * (-len(cleaned) % 8)
    try:
        return base64.b32decode(padded)
    except ValueError as exc:  # binascii.Error is a ValueError
        raise ValueError("secret is not base32") from exc


def hotp(key: bytes, counter: int, digits: int = DIGITS, digest: str = "sha1") -> str:
    """RFC 4226 HOTP: the ``digits``-digit code for ``counter``, zero padded."""
    mac = hmac.new(key, struct.pack(">Q", counter), digest).digest()
    offset = mac[-1] & 0x0F
    # Dynamic truncation: 31 bits from the offset, then the last ``digits`` decimal digits.
    value = int.from_bytes(mac[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def time_step(at: float, step: int = STEP_SECONDS) -> int:
    """The RFC 6238 counter ``T`` for the POSIX time ``at``."""
    return int(at // step)


def totp(key: bytes, at: float, digits: int = DIGITS, digest: str = "sha1") -> str:
    """RFC 6238 TOTP: the code an authenticator shows at time ``at``."""
    return hotp(key, time_step(at), digits, digest)


def match_step(
    key: bytes, code: str, at: float, window: int = WINDOW, digits: int = DIGITS
) -> int | None:
    """The time step within ``window`` steps of ``at`` whose code is ``code``, or None.

    Every candidate is compared in constant time and none is skipped, so timing reveals
    neither the code nor which step matched. The caller refuses a step it already accepted.
    """
    current = time_step(at)
    found = None
    for candidate in range(current - window, current + window + 1):
        expected = hotp(key, candidate, digits)
        if hmac.compare_digest(expected.encode(), code.encode()) and found is None:
            found = candidate
    return found


__all__ = [
    "DIGITS",
    "STEP_SECONDS",
    "WINDOW",
    "hotp",
    "match_step",
    "secret_bytes",
    "secret_from_random",
    "time_step",
    "totp",
]
