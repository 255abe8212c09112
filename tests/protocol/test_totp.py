"""RFC 4226 / RFC 6238 known-answer vectors for :mod:`cognito_identity.protocol.totp`."""

from __future__ import annotations

import pytest

from cognito_identity.protocol.totp import (
    hotp,
    match_step,
    secret_bytes,
    secret_from_random,
    time_step,
    totp,
)

RFC_KEY = b"12345678901234567890"

# RFC 4226 appendix D: HOTP values for counters 0..9.
HOTP_VECTORS = [
    "755224", "287082", "359152", "969429", "338314",
    "254676", "287922", "162583", "399871", "520489",
]  # fmt: skip

# RFC 6238 appendix B (SHA1 rows): time, 8-digit TOTP.
TOTP_VECTORS = [
    (59, "94287082"),
    (1111111109, "07081804"),
    (1111111111, "14050471"),
    (1234567890, "89005924"),
    (2000000000, "69279037"),
    (20000000000, "65353130"),
]


@pytest.mark.parametrize("counter", range(10))
def test_hotp_rfc4226_vectors(counter: int) -> None:
    assert hotp(RFC_KEY, counter) == HOTP_VECTORS[counter]


@pytest.mark.parametrize(("at", "expected"), TOTP_VECTORS)
def test_totp_rfc6238_sha1_vectors(at: int, expected: str) -> None:
    assert totp(RFC_KEY, at, digits=8) == expected


def test_totp_six_digits_is_the_tail_of_eight() -> None:
    assert totp(RFC_KEY, 59) == "287082"


def test_sha256_rfc6238_vector() -> None:
    key = b"12345678901234567890123456789012"
    assert totp(key, 59, digits=8, digest="sha256") == "46119246"


def test_time_step_boundaries() -> None:
    assert time_step(0) == 0
    assert time_step(29.999) == 0
    assert time_step(30) == 1


def test_match_step_accepts_one_step_of_drift_only() -> None:
    at = 1_700_000_015.0
    now = time_step(at)
    for offset in (-1, 0, 1):
        code = hotp(RFC_KEY, now + offset)
        assert match_step(RFC_KEY, code, at) == now + offset
    for offset in (-2, 2):
        assert match_step(RFC_KEY, hotp(RFC_KEY, now + offset), at) is None


def test_match_step_refuses_garbage() -> None:
    assert match_step(RFC_KEY, "", 59) is None
    assert match_step(RFC_KEY, "abcdef", 59) is None
    assert match_step(RFC_KEY, "2870820", 59) is None


def test_base32_secret_round_trip() -> None:
    random = bytes(range(32))
    secret = secret_from_random(random)
    assert "=" not in secret and secret == secret.upper()
    assert len(secret) == 52
    assert secret_bytes(secret) == random
    assert secret_bytes(secret.lower()) == random


def test_secret_bytes_refuses_non_base32() -> None:
    with pytest.raises(ValueError):
        secret_bytes("not base32!")
