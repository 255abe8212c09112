"""Per-pool RSA signing keys: created with the pool, stored in the database, served as JWKS."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import Connection

from ..store.prepared import Prepared
from ..store.schema import pool_keys
from .jwt import b64url


@dataclass(frozen=True)
class SigningKey:
    kid: str
    private_key: rsa.RSAPrivateKey


def _public_jwk(public: rsa.RSAPublicKey, kid: str) -> dict[str, Any]:
    numbers = public.public_numbers()
    n = numbers.n.to_bytes((numbers.n.bit_length() + 7) // 8, "big")
    e = numbers.e.to_bytes((numbers.e.bit_length() + 7) // 8, "big")
    return {"alg": "RS256", "e": b64url(e), "kid": kid, "kty": "RSA", "n": b64url(n), "use": "sig"}


def create_pool_key(conn: Connection, pool_id: str, now: float) -> SigningKey:
    """Make a new 2048-bit key for the pool and store it; returns it."""
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    kid = b64url(hashlib.sha256(der).digest())
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    conn.execute(
        pool_keys.insert().values(
            kid=kid,
            pool_id=pool_id,
            private_pem=pem,
            public_jwk=_public_jwk(private.public_key(), kid),
            created_at=now,
        )
    )
    return SigningKey(kid, private)


_loaded: dict[str, rsa.RSAPrivateKey] = {}


def _load_private(kid: str, pem: str) -> rsa.RSAPrivateKey:
    # Parsing a PEM costs about a millisecond; keys never change once made, so cache by kid.
    key = _loaded.get(kid)
    if key is None:
        parsed = serialization.load_pem_private_key(pem.encode(), password=None)
        assert isinstance(parsed, rsa.RSAPrivateKey)
        key = _loaded[kid] = parsed
    return key


_NEWEST = Prepared(
    sa.select(pool_keys.c.kid, pool_keys.c.private_pem)
    .where(pool_keys.c.pool_id == sa.bindparam("pool_id"))
    .order_by(pool_keys.c.created_at.desc())
    .limit(1)
)

_BY_KID = Prepared(
    sa.select(pool_keys.c.private_pem).where(
        pool_keys.c.pool_id == sa.bindparam("pool_id"), pool_keys.c.kid == sa.bindparam("kid")
    )
)


def signing_key(conn: Connection, pool_id: str) -> SigningKey:
    """The pool's newest key (the one new tokens are signed with)."""
    row = _NEWEST.first(conn, pool_id=pool_id)
    if row is None:
        raise LookupError(f"no signing key for pool {pool_id}")
    return SigningKey(row["kid"], _load_private(row["kid"], row["private_pem"]))


def public_key(conn: Connection, pool_id: str, kid: str) -> rsa.RSAPublicKey | None:
    """The public key ``kid`` of this pool (None if the kid is not this pool's)."""
    row = _BY_KID.first(conn, pool_id=pool_id, kid=kid)
    return None if row is None else _load_private(kid, row["private_pem"]).public_key()


def jwks(conn: Connection, pool_id: str) -> dict[str, Any]:
    """``{"keys": [...]}`` for ``/<pool id>/.well-known/jwks.json``."""
    rows = conn.execute(
        sa.select(pool_keys.c.public_jwk)
        .where(pool_keys.c.pool_id == pool_id)
        .order_by(pool_keys.c.created_at)
    ).all()
    return {"keys": [row.public_jwk for row in rows]}
