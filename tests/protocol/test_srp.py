"""Cognito's SRP-6a: the published known-answer vector, pad_hex, constants and safety checks.

The expected values of the vector are the ones published in reference/js-sdk.md §5.1 (made by
running amazon-cognito-identity-js under Node). Every KAT test runs under both modexp backends.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random

import pytest

from cognito_identity.protocol import srp
from cognito_identity.protocol.srp import (
    N_HEX,
    G,
    K,
    N,
    SrpClient,
    SrpError,
    calculate_u,
    compute_verifier,
    compute_x,
    pad_hex,
    password_claim_signature,
    server_public_b,
    server_session_key,
    verify_password_claim,
)

# --- reference/js-sdk.md §5.1: inputs -----------------------------------------------------------
POOL_NAME = "AbCdEf123"
USER_ID = "user-id-for-srp"
PASSWORD = "Passw0rd!"
SMALL_A = int("0123456789abcdef" * 16, 16)
SMALL_B = int("fedcba9876543210" * 16, 16)
SALT_HEX = "f1e2d3c4b5a6978877665544332211ff"
SECRET_BLOCK = "c2VjcmV0LWJsb2NrLWJ5dGVz"
TIMESTAMP = "Tue Aug 5 07:03:09 UTC 2025"

# --- reference/js-sdk.md §5.1: expected ---------------------------------------------------------
EXPECTED_X = "cabf26aad85d999cd12f0cffec89a1b799d71badb4a34ca3f1c3270b917ff2bd"
EXPECTED_U = "90ab2484f850f247006c639b0208f4fbb1a20bf750c81359b9c914139d22c252"
EXPECTED_A_PREFIX = "54b8e4da8991abf64544e5e11b2bd8c7"
EXPECTED_A_LENGTH = 767
EXPECTED_B_PREFIX = "8665bb82923d36f13b793d71df1ad61668bbf538"
EXPECTED_S_PREFIX = "a1e041f95e96c03a4a6966ad4d828fec8ad36213"
EXPECTED_HKDF = "cd7019ba482342ba274897413b48452b"
EXPECTED_SIGNATURE = "oxBPFAAb5zCVuKV4nbJZLOpAAlZRZdm5lyOAetlwnfw="
EXPECTED_K = 0x538282C4354742D7CBBDE2359FCF67F9F5B3A6B08791E5011B43B8A5B66D9EE6
N_START = "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
N_END = "43DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"


def _salt() -> int:
    return int(SALT_HEX, 16)


def _verifier() -> int:
    return compute_verifier(_salt(), POOL_NAME, USER_ID, PASSWORD)


# --- constants ----------------------------------------------------------------------------------


def test_secret_block_is_base64_of_the_published_bytes() -> None:
    assert base64.b64decode(SECRET_BLOCK) == b"secret-block-bytes"


def test_n_is_the_rfc3526_3072_bit_group() -> None:
    assert N_HEX.startswith(N_START)
    assert N_HEX.endswith(N_END)
    assert len(N_HEX) == 768
    assert int(N_HEX, 16) == N
    assert N.bit_length() == 3072
    assert G == 2
    # Fermat: a prime passes for base 2 (a typo anywhere in the 768 digits would not).
    assert pow(2, N - 1, N) == 1
    # It is a safe prime: (N - 1) / 2 passes too.
    assert pow(2, (N - 1) // 2 - 1, (N - 1) // 2) == 1


def test_k_matches_the_reference_and_its_definition() -> None:
    assert EXPECTED_K == K
    # k = H(padHex(N) || padHex(g)) where padHex(N) = "00" + N (top bit set) and padHex(2) = "02".
    independent = hashlib.sha256(bytes.fromhex("00" + N_HEX + "02")).hexdigest()
    assert int(independent, 16) == EXPECTED_K


# --- pad_hex ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (20, "14"),
        (236, "00ec"),
        (-20, "ec"),
        (-236, "ff14"),
        (-128, "80"),
        (128, "0080"),
        (0, "00"),
    ],
)
def test_pad_hex_reference_examples(value: int, expected: str) -> None:
    assert pad_hex(value) == expected


def test_pad_hex_of_n_and_g() -> None:
    assert pad_hex(N) == "00" + N_HEX.lower()
    assert pad_hex(G) == "02"


def test_pad_hex_is_minimal_twos_complement() -> None:
    rng = random.Random(3526)
    values = [0, 1, -1, 127, -128, 255, -129, 256, -256, 2**64, -(2**64)]
    values += [rng.randrange(-(2**3100), 2**3100) for _ in range(200)]
    values += [rng.getrandbits(rng.randrange(1, 3100)) for _ in range(200)]
    for value in values:
        text = pad_hex(value)
        assert text == text.lower()
        raw = bytes.fromhex(text)
        assert int.from_bytes(raw, "big", signed=True) == value
        # One byte shorter cannot hold the value: the encoding is minimal.
        shorter = len(raw) - 1
        if shorter > 0:
            with pytest.raises(OverflowError):
                value.to_bytes(shorter, "big", signed=True)
        # A positive number never looks negative.
        if value >= 0:
            assert raw[0] < 0x80


# --- the §5.1 known-answer vector, under each backend -------------------------------------------


def test_kat_x(modexp_backend: str) -> None:
    assert format(compute_x(_salt(), POOL_NAME, USER_ID, PASSWORD), "064x") == EXPECTED_X


def test_kat_large_a(modexp_backend: str) -> None:
    client = SrpClient.from_private(SMALL_A)
    assert client.small_a == SMALL_A
    assert client.srp_a.startswith(EXPECTED_A_PREFIX)
    assert len(client.srp_a) == EXPECTED_A_LENGTH
    assert client.srp_a == client.srp_a.lower()
    assert int(client.srp_a, 16) == client.large_a == pow(2, SMALL_A, N)


def test_kat_from_random_bytes_reads_big_endian(modexp_backend: str) -> None:
    raw = SMALL_A.to_bytes(128, "big")  # the vector's a is 1024 bits; any length reads the same way
    assert SrpClient.from_random_bytes(raw) == SrpClient.from_private(SMALL_A)


def test_kat_large_b(modexp_backend: str) -> None:
    big_b = server_public_b(_verifier(), SMALL_B)
    assert format(big_b, "x").startswith(EXPECTED_B_PREFIX)
    # Definition: B = (k*v + g^b) mod N, v = g^x.
    x = int(EXPECTED_X, 16)
    assert big_b == (EXPECTED_K * pow(2, x, N) + pow(2, SMALL_B, N)) % N


def test_kat_u(modexp_backend: str) -> None:
    client = SrpClient.from_private(SMALL_A)
    big_b = server_public_b(_verifier(), SMALL_B)
    assert format(calculate_u(client.large_a, big_b), "064x") == EXPECTED_U


def test_kat_shared_secret_client_equals_server(modexp_backend: str) -> None:
    """S computed both ways (client formula and server formula) from the library's numbers."""
    x, u = int(EXPECTED_X, 16), int(EXPECTED_U, 16)
    big_a = srp.public_value(SMALL_A)
    verifier = _verifier()
    big_b = server_public_b(verifier, SMALL_B)
    client_s = pow((big_b - EXPECTED_K * pow(2, x, N)) % N, SMALL_A + u * x, N)
    server_s = pow(big_a * pow(verifier, u, N), SMALL_B, N)
    assert client_s == server_s
    assert format(client_s, "x").startswith(EXPECTED_S_PREFIX)
    # ... and the 16-byte key our code derives from it is the published one.
    assert srp.session_key(client_s, u).hex() == EXPECTED_HKDF


def test_kat_hkdf_client_and_server(modexp_backend: str) -> None:
    client = SrpClient.from_private(SMALL_A)
    verifier = _verifier()
    big_b = server_public_b(verifier, SMALL_B)
    client_key = client.session_key(POOL_NAME, USER_ID, PASSWORD, big_b, _salt())
    server_key = server_session_key(client.large_a, big_b, SMALL_B, verifier)
    assert client_key.hex() == EXPECTED_HKDF
    assert server_key.hex() == EXPECTED_HKDF


def test_kat_hkdf_is_rfc5869_one_block() -> None:
    """compute_hkdf against an HKDF written out here from RFC 5869."""
    ikm, salt = b"input key material", b"\x00\x90\xab"
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    t1 = hmac.new(prk, b"Caldera Derived Key" + b"\x01", hashlib.sha256).digest()
    assert srp.compute_hkdf(ikm, salt) == t1[:16]


def test_kat_signature(modexp_backend: str) -> None:
    key = bytes.fromhex(EXPECTED_HKDF)
    signature = password_claim_signature(key, POOL_NAME, USER_ID, SECRET_BLOCK, TIMESTAMP)
    assert signature == EXPECTED_SIGNATURE
    assert verify_password_claim(key, POOL_NAME, USER_ID, SECRET_BLOCK, TIMESTAMP, signature)


def test_kat_full_exchange_signature(modexp_backend: str) -> None:
    """Client and server, each with its own key, agree on the published signature."""
    client = SrpClient.from_private(SMALL_A)
    verifier = _verifier()
    big_b = server_public_b(verifier, SMALL_B)
    client_key = client.session_key(POOL_NAME, USER_ID, PASSWORD, big_b, _salt())
    signature = password_claim_signature(client_key, POOL_NAME, USER_ID, SECRET_BLOCK, TIMESTAMP)
    assert signature == EXPECTED_SIGNATURE
    server_key = server_session_key(client.large_a, big_b, SMALL_B, verifier)
    assert verify_password_claim(server_key, POOL_NAME, USER_ID, SECRET_BLOCK, TIMESTAMP, signature)


# --- round trips with random values -------------------------------------------------------------


def test_random_exchanges_agree_and_wrong_password_fails() -> None:
    rng = random.Random(7618)
    for _ in range(5):
        small_a = rng.getrandbits(1024)
        small_b = rng.getrandbits(1024)
        salt = rng.getrandbits(128)
        user_id = f"usér-{rng.getrandbits(32):x}"
        password = f"pässwörd-{rng.getrandbits(40):x}!🔑"
        verifier = compute_verifier(salt, POOL_NAME, user_id, password)
        client = SrpClient.from_private(small_a)
        big_b = server_public_b(verifier, small_b)
        server_key = server_session_key(client.large_a, big_b, small_b, verifier)
        assert client.session_key(POOL_NAME, user_id, password, big_b, salt) == server_key
        wrong = client.session_key(POOL_NAME, user_id, password + "x", big_b, salt)
        assert wrong != server_key
        other_pool = client.session_key("OtherPool", user_id, password, big_b, salt)
        assert other_pool != server_key


def test_x_hashes_the_password_as_utf8() -> None:
    salt = 0xF1E2
    inner = hashlib.sha256("poolü:pä🔑".encode()).hexdigest()
    expected = int(hashlib.sha256(bytes.fromhex(pad_hex(salt) + inner)).hexdigest(), 16)
    assert compute_x(salt, "pool", "ü", "pä🔑") == expected


# --- safety -------------------------------------------------------------------------------------


@pytest.mark.parametrize("big_b", [0, N, 2 * N], ids=["0", "N", "2N"])
def test_client_rejects_b_zero_mod_n(big_b: int) -> None:
    client = SrpClient.from_private(SMALL_A)
    with pytest.raises(SrpError):
        client.session_key(POOL_NAME, USER_ID, PASSWORD, big_b, _salt())


@pytest.mark.parametrize("big_a", [0, N, 2 * N], ids=["0", "N", "2N"])
def test_server_rejects_a_zero_mod_n(big_a: int) -> None:
    verifier = _verifier()
    big_b = server_public_b(verifier, SMALL_B)
    with pytest.raises(SrpError):
        server_session_key(big_a, big_b, SMALL_B, verifier)


def test_srp_error_is_a_value_error() -> None:
    assert issubclass(SrpError, ValueError)


def _flip_bit(data: bytes, bit: int) -> bytes:
    changed = bytearray(data)
    changed[bit // 8] ^= 1 << (bit % 8)
    return bytes(changed)


def test_verify_password_claim_rejects_any_one_bit_change() -> None:
    key = bytes.fromhex(EXPECTED_HKDF)
    assert verify_password_claim(
        key, POOL_NAME, USER_ID, SECRET_BLOCK, TIMESTAMP, EXPECTED_SIGNATURE
    )
    raw_signature = base64.b64decode(EXPECTED_SIGNATURE)
    for bit in range(len(raw_signature) * 8):
        tampered = base64.b64encode(_flip_bit(raw_signature, bit)).decode()
        assert not verify_password_claim(
            key, POOL_NAME, USER_ID, SECRET_BLOCK, TIMESTAMP, tampered
        ), bit
    for bit in range(len(key) * 8):
        assert not verify_password_claim(
            _flip_bit(key, bit), POOL_NAME, USER_ID, SECRET_BLOCK, TIMESTAMP, EXPECTED_SIGNATURE
        ), bit
    raw_block = base64.b64decode(SECRET_BLOCK)
    for bit in range(len(raw_block) * 8):
        block = base64.b64encode(_flip_bit(raw_block, bit)).decode()
        assert not verify_password_claim(
            key, POOL_NAME, USER_ID, block, TIMESTAMP, EXPECTED_SIGNATURE
        ), bit
    # One bit of the timestamp ('5' -> '4'), of the user id and of the pool name.
    assert not verify_password_claim(
        key, POOL_NAME, USER_ID, SECRET_BLOCK, TIMESTAMP.replace("5", "4", 1), EXPECTED_SIGNATURE
    )
    assert not verify_password_claim(
        key, POOL_NAME, "user-id-for-srq", SECRET_BLOCK, TIMESTAMP, EXPECTED_SIGNATURE
    )
    assert not verify_password_claim(
        key, "AbCdEf122", USER_ID, SECRET_BLOCK, TIMESTAMP, EXPECTED_SIGNATURE
    )
