"""Every table of the local server.

Conventions: times are POSIX seconds (float); pool and client settings are stored in the wire
shape (``UserPoolType`` / ``UserPoolClientType`` from botocore's model) in a JSON column, so
DescribeUserPool returns what CreateUserPool stored. Secrets are never stored in clear: users
have an SRP salt and verifier, codes and refresh tokens are stored as SHA-256 hashes. The outbox
alone keeps codes in clear, because showing them is its job.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

pools = sa.Table(
    "pools",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(128), nullable=False),
    sa.Column("config", sa.JSON, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

pool_keys = sa.Table(
    "pool_keys",
    metadata,
    sa.Column("kid", sa.String(128), primary_key=True),
    sa.Column(
        "pool_id",
        sa.String(64),
        sa.ForeignKey("pools.id", ondelete="CASCADE"),
        index=True,
        nullable=False,
    ),
    sa.Column("private_pem", sa.Text, nullable=False),
    sa.Column("public_jwk", sa.JSON, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
)

clients = sa.Table(
    "clients",
    metadata,
    sa.Column("id", sa.String(128), primary_key=True),
    sa.Column(
        "pool_id",
        sa.String(64),
        sa.ForeignKey("pools.id", ondelete="CASCADE"),
        index=True,
        nullable=False,
    ),
    sa.Column("name", sa.String(128), nullable=False),
    sa.Column("secret", sa.String(128), nullable=True),
    sa.Column("config", sa.JSON, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

users = sa.Table(
    "users",
    metadata,
    sa.Column(
        "pool_id", sa.String(64), sa.ForeignKey("pools.id", ondelete="CASCADE"), primary_key=True
    ),
    # username_key is the lookup form (lower-cased unless the pool is case sensitive).
    sa.Column("username_key", sa.String(256), primary_key=True),
    sa.Column("username", sa.String(256), nullable=False),
    sa.Column("sub", sa.String(64), nullable=False),
    sa.Column("status", sa.String(32), nullable=False),
    sa.Column("enabled", sa.Boolean, nullable=False, default=True),
    # {"email": "...", "email_verified": "true", "sub": "...", ...}: names to string values.
    sa.Column("attributes", sa.JSON, nullable=False),
    sa.Column("password_salt", sa.String(128), nullable=True),
    sa.Column("password_verifier", sa.Text, nullable=True),
    sa.Column("password_set_at", sa.Float, nullable=True),
    sa.Column("mfa", sa.JSON, nullable=False, default=dict),
    sa.Column("failed_logins", sa.Integer, nullable=False, default=0),
    sa.Column("locked_until", sa.Float, nullable=True),
    # Tokens issued before this time are refused (GlobalSignOut, password reset).
    sa.Column("tokens_valid_after", sa.Float, nullable=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.UniqueConstraint("pool_id", "sub", name="uq_users_pool_sub"),
)

# Sign-in names other than the username (email/phone as alias or as username).
aliases = sa.Table(
    "aliases",
    metadata,
    sa.Column("pool_id", sa.String(64), primary_key=True),
    sa.Column("alias_key", sa.String(320), primary_key=True),
    sa.Column("username_key", sa.String(256), nullable=False),
)

codes = sa.Table(
    "codes",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("pool_id", sa.String(64), nullable=False),
    sa.Column("username_key", sa.String(256), nullable=False),
    # "signup", "forgot_password", "attribute:email", "mfa:SMS_MFA", ...
    sa.Column("purpose", sa.String(64), nullable=False),
    sa.Column("code_hash", sa.String(64), nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, default=0),
    sa.Column("consumed", sa.Boolean, nullable=False, default=False),
    sa.Index("ix_codes_lookup", "pool_id", "username_key", "purpose"),
)

# Challenge sessions: the only login state, kept here so any process can finish a login.
auth_sessions = sa.Table(
    "auth_sessions",
    metadata,
    sa.Column("id_hash", sa.String(64), primary_key=True),
    sa.Column("pool_id", sa.String(64), nullable=False),
    sa.Column("client_id", sa.String(128), nullable=False),
    sa.Column("username_key", sa.String(256), nullable=True),
    sa.Column("challenge", sa.String(64), nullable=False),
    sa.Column("state", sa.JSON, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("consumed", sa.Boolean, nullable=False, default=False),
)

refresh_tokens = sa.Table(
    "refresh_tokens",
    metadata,
    sa.Column("token_hash", sa.String(64), primary_key=True),
    sa.Column("pool_id", sa.String(64), nullable=False),
    sa.Column("client_id", sa.String(128), nullable=False),
    sa.Column("username_key", sa.String(256), nullable=False),
    # Every access/id token minted from this refresh token carries this as origin_jti.
    sa.Column("origin_jti", sa.String(64), nullable=False, unique=True),
    sa.Column("device_key", sa.String(128), nullable=True),
    sa.Column("auth_time", sa.Float, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
    sa.Column("revoked_at", sa.Float, nullable=True),
)

outbox = sa.Table(
    "outbox",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("pool_id", sa.String(64), nullable=False, index=True),
    sa.Column("username", sa.String(256), nullable=True),
    sa.Column("destination", sa.String(320), nullable=True),
    sa.Column("medium", sa.String(16), nullable=False),
    sa.Column("kind", sa.String(64), nullable=False),
    sa.Column("code", sa.String(64), nullable=True),
    sa.Column("message", sa.Text, nullable=False),
    sa.Column("sent_at", sa.Float, nullable=False),
)
