"""Identity pools, identities and their linked logins in the database."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import Connection

from ...errors import ResourceNotFoundException
from ..domain.jwt import b64url
from ..ops import Body, OpContext
from ..store.schema import identities, identity_logins, identity_pools


@dataclass(frozen=True)
class IdentityPoolRecord:
    """An identity pool; ``config`` is its ``IdentityPool`` wire shape without id and name."""

    id: str
    name: str
    config: dict[str, Any]
    kid: str
    private_pem: str
    created_at: float
    updated_at: float

    def shape(self) -> Body:
        """The ``IdentityPool`` of Create/DescribeIdentityPool."""
        return {"IdentityPoolId": self.id, "IdentityPoolName": self.name, **self.config}

    @property
    def allows_unauthenticated(self) -> bool:
        return bool(self.config.get("AllowUnauthenticatedIdentities"))


@dataclass(frozen=True)
class Login:
    """A checked login: the provider name (Logins key) and the user it names (``sub``)."""

    provider: str
    subject: str


def random_uuid(ctx: OpContext) -> str:
    """A version 4 UUID from the injected randomness."""
    return str(uuid.UUID(bytes=ctx.random_bytes(16), version=4))


def _new_key() -> tuple[str, str]:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return b64url(hashlib.sha256(der).digest()), pem.decode()


def insert_identity_pool(ctx: OpContext, name: str, config: dict[str, Any]) -> str:
    """Store a new identity pool ``<region>:<uuid>`` with its own signing key; returns its id."""
    pool_id = f"{ctx.config.region}:{random_uuid(ctx)}"
    kid, pem = _new_key()
    ctx.conn.execute(
        identity_pools.insert().values(
            id=pool_id,
            name=name,
            config=config,
            kid=kid,
            private_pem=pem,
            created_at=ctx.now,
            updated_at=ctx.now,
        )
    )
    return pool_id


def load_identity_pool(conn: Connection, pool_id: str) -> IdentityPoolRecord:
    """The identity pool, or ResourceNotFoundException as Cognito words it."""
    row = conn.execute(sa.select(identity_pools).where(identity_pools.c.id == pool_id)).first()
    if row is None:
        raise ResourceNotFoundException(f"IdentityPool '{pool_id}' not found.")
    return IdentityPoolRecord(**row._mapping)


def delete_identity_pool(conn: Connection, pool_id: str) -> None:
    """Delete the pool, its identities and their logins."""
    conn.execute(identity_logins.delete().where(identity_logins.c.identity_pool_id == pool_id))
    conn.execute(identities.delete().where(identities.c.identity_pool_id == pool_id))
    conn.execute(identity_pools.delete().where(identity_pools.c.id == pool_id))


def identity_pool_of(conn: Connection, identity_id: str) -> str:
    """The identity pool id of an identity, or ResourceNotFoundException."""
    row = conn.execute(
        sa.select(identities.c.identity_pool_id).where(identities.c.id == identity_id)
    ).first()
    if row is None:
        raise ResourceNotFoundException(f"Identity '{identity_id}' not found.")
    return str(row.identity_pool_id)


def new_identity(ctx: OpContext, pool: IdentityPoolRecord) -> str:
    """A new identity ``<region>:<uuid>`` in ``pool``; returns its id."""
    identity_id = f"{pool.id.split(':', 1)[0]}:{random_uuid(ctx)}"
    ctx.conn.execute(
        identities.insert().values(
            id=identity_id, identity_pool_id=pool.id, created_at=ctx.now, updated_at=ctx.now
        )
    )
    return identity_id


def identities_of(conn: Connection, pool_id: str, logins: Iterable[Login]) -> set[str]:
    """The identities already linked to any of ``logins``."""
    found: set[str] = set()
    for login in logins:
        row = conn.execute(
            sa.select(identity_logins.c.identity_id).where(
                identity_logins.c.identity_pool_id == pool_id,
                identity_logins.c.provider == login.provider,
                identity_logins.c.subject == login.subject,
            )
        ).first()
        if row is not None:
            found.add(str(row.identity_id))
    return found


def linked_logins(conn: Connection, identity_id: str) -> set[Login]:
    """The logins linked to an identity (none for an unauthenticated one)."""
    rows = conn.execute(
        sa.select(identity_logins.c.provider, identity_logins.c.subject).where(
            identity_logins.c.identity_id == identity_id
        )
    ).all()
    return {Login(row.provider, row.subject) for row in rows}


def link(conn: Connection, pool_id: str, identity_id: str, logins: Iterable[Login]) -> None:
    """Link ``logins`` (not linked to any identity yet) to the identity."""
    for login in logins:
        conn.execute(
            identity_logins.insert().values(
                identity_pool_id=pool_id,
                provider=login.provider,
                subject=login.subject,
                identity_id=identity_id,
            )
        )
