"""Cognito's SRP-6a variant, byte for byte as AWS and amazon-cognito-identity-js do it.

Both sides live here so each checks the other: the SDK uses :class:`SrpClient` and
:func:`password_claim_signature`; the local server uses :func:`compute_verifier`,
:func:`server_public_b`, :func:`server_session_key` and the same signature function.

Notation (see docs of each function):

* ``N`` is the 3072-bit MODP prime of RFC 3526 (group 15), ``g = 2``,
  ``k = H(padHex(N) || padHex(g))``.
* ``pad_hex`` is the hex of Java's ``BigInteger.toByteArray()``: minimal two's complement,
  big-endian, so a positive number whose top bit is set gets a ``00`` byte in front.
* ``x = H(padHex(salt) || hex(H(pool_name + user_id + ":" + password)))`` where ``pool_name`` is
  the part of the user pool id after ``_`` (or, for device SRP, the device group key).
* ``u = H(padHex(A) || padHex(B))``; ``S = (B - k*g^x) ^ (a + u*x) mod N``;
  the key is HKDF-SHA256(ikm=padHex(S), salt=padHex(u), info="Caldera Derived Key"), 16 bytes.

Nothing here does I/O, reads a clock or draws randomness: callers pass secrets and times in.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass

from .modexp import FixedBase, powmod

N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74"
    "020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F1437"
    "4FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED"
    "EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF05"
    "98DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB"
    "9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B"
    "E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF695581718"
    "3995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33"
    "A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7"
    "ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864"
    "D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2"
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = int(N_HEX, 16)
G = 2
#: ``g^e mod N`` from a table of precomputed powers (built after a few calls; see FixedBase):
#: every sign-in raises g to a fresh private value, and every password check to ``x``.
G_POWERS = FixedBase(G, N)
INFO_BITS = b"Caldera Derived Key"
#: Bytes of randomness for the client's private value a: 256 bits, RFC 5054's floor and 128-bit
#: security in this 3072-bit group (the JS library draws 1024 bits; the service cannot tell, A is
#: a full element mod N either way). Shorter exponents make A and S several times cheaper.
PRIVATE_VALUE_BYTES = 32
#: Bytes for the server's private value b, for the same reasons: three of the four
#: exponentiations of a login use b, so this cut the server's cost per SRP login by about 45%.
SERVER_PRIVATE_VALUE_BYTES = 32


class SrpError(ValueError):
    """An SRP value is unusable (B or A is 0 mod N, or u is 0): the exchange must stop."""


def pad_hex(value: int) -> str:
    """Hex of ``value`` as Java's ``BigInteger.toByteArray()`` would give it.

    >>> pad_hex(20), pad_hex(236), pad_hex(-20), pad_hex(-236), pad_hex(128)
    ('14', '00ec', 'ec', 'ff14', '0080')
    """
    magnitude = value.bit_length() if value >= 0 else (~value).bit_length()
    length = magnitude // 8 + 1
    return value.to_bytes(length, "big", signed=True).hex()


def hash_hex(data: bytes) -> str:
    """SHA-256 of ``data`` as 64 lowercase hex digits."""
    return hashlib.sha256(data).hexdigest()


def hex_hash(hex_string: str) -> str:
    """SHA-256 of the bytes a hex string stands for, as hex."""
    return hash_hex(bytes.fromhex(hex_string))


K = int(hex_hash(pad_hex(N) + pad_hex(G)), 16)


def calculate_u(big_a: int, big_b: int) -> int:
    """The scrambling parameter ``u = H(padHex(A) || padHex(B))``."""
    return int(hex_hash(pad_hex(big_a) + pad_hex(big_b)), 16)


def compute_x(salt: int, pool_name: str, user_id: str, password: str) -> int:
    """The private key ``x`` derived from the salt and the password."""
    inner = hash_hex(f"{pool_name}{user_id}:{password}".encode())
    return int(hex_hash(pad_hex(salt) + inner), 16)


def compute_hkdf(ikm: bytes, salt: bytes) -> bytes:
    """One block of HKDF-SHA256 with Cognito's info string, cut to 16 bytes."""
    prk = hmac.new(salt, ikm, hashlib.sha256).digest()
    okm = hmac.new(prk, INFO_BITS + b"\x01", hashlib.sha256).digest()
    return okm[:16]


def session_key(secret_s: int, u: int) -> bytes:
    """The 16-byte key both sides derive from the shared secret ``S`` and ``u``."""
    return compute_hkdf(bytes.fromhex(pad_hex(secret_s)), bytes.fromhex(pad_hex(u)))


def password_claim_signature(
    key: bytes, pool_name: str, user_id: str, secret_block: str, timestamp: str
) -> str:
    """PASSWORD_CLAIM_SIGNATURE: base64 HMAC-SHA256 over the claim, keyed by the SRP key.

    ``secret_block`` is the base64 SECRET_BLOCK exactly as the server sent it.
    """
    message = (
        pool_name.encode() + user_id.encode() + base64.b64decode(secret_block) + timestamp.encode()
    )
    return base64.b64encode(hmac.new(key, message, hashlib.sha256).digest()).decode()


def public_value(private: int) -> int:
    """``g^private mod N``: the client's A (and, with a different formula, part of B)."""
    return G_POWERS.pow(private)


@dataclass(frozen=True)
class SrpClient:
    """The client half of one SRP exchange.

    Build it with a random ``a`` (see :meth:`from_random_bytes`) before the first request, so A
    is ready when InitiateAuth leaves.
    """

    small_a: int
    large_a: int

    @classmethod
    def from_private(cls, small_a: int) -> SrpClient:
        large_a = public_value(small_a)
        if large_a % N == 0:
            raise SrpError("Illegal parameter. A mod N cannot be 0.")
        return cls(small_a, large_a)

    @classmethod
    def from_random_bytes(cls, random_bytes: bytes) -> SrpClient:
        """``random_bytes`` must be :data:`PRIVATE_VALUE_BYTES` bytes from a secure source."""
        return cls.from_private(int.from_bytes(random_bytes, "big"))

    @property
    def srp_a(self) -> str:
        """A as the wire wants it: lowercase hex without padding."""
        return format(self.large_a, "x")

    def session_key(
        self, pool_name: str, user_id: str, password: str, big_b: int, salt: int
    ) -> bytes:
        """The 16-byte key for the PASSWORD_CLAIM_SIGNATURE.

        Raises:
            SrpError: B is 0 mod N, or u is 0 (a hostile or broken server).
        """
        if big_b % N == 0:
            raise SrpError("B cannot be zero.")
        u = calculate_u(self.large_a, big_b)
        if u == 0:
            raise SrpError("U cannot be zero.")
        x = compute_x(salt, pool_name, user_id, password)
        g_x = G_POWERS.pow(x)
        secret_s = powmod(big_b - K * g_x, self.small_a + u * x, N)
        return session_key(secret_s, u)


def compute_verifier(salt: int, pool_name: str, user_id: str, password: str) -> int:
    """The password verifier ``v = g^x mod N`` the server stores instead of the password."""
    return G_POWERS.pow(compute_x(salt, pool_name, user_id, password))


def server_public_b(verifier: int, small_b: int) -> int:
    """``B = (k*v + g^b) mod N``."""
    return (K * verifier + G_POWERS.pow(small_b)) % N


def server_session_key(big_a: int, big_b: int, small_b: int, verifier: int) -> bytes:
    """The server's 16-byte key: ``S = (A * v^u)^b mod N``.

    Raises:
        SrpError: A is 0 mod N (an attacker forcing S = 0), or u is 0.
    """
    if big_a % N == 0:
        raise SrpError("A cannot be zero.")
    u = calculate_u(big_a, big_b)
    if u == 0:
        raise SrpError("U cannot be zero.")
    secret_s = powmod(big_a * powmod(verifier, u, N), small_b, N)
    return session_key(secret_s, u)


def verify_password_claim(
    key: bytes,
    pool_name: str,
    user_id: str,
    secret_block: str,
    timestamp: str,
    signature: str,
) -> bool:
    """Check a PASSWORD_CLAIM_SIGNATURE in constant time."""
    expected = password_claim_signature(key, pool_name, user_id, secret_block, timestamp)
    return hmac.compare_digest(expected.encode(), signature.encode())
