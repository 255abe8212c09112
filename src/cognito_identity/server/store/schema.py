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
    # New email/phone values waiting for their code when the pool's
    # AttributesRequireVerificationBeforeUpdate holds the old value in effect: {"email": "..."}.
    sa.Column("pending_attributes", sa.JSON, nullable=True),
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

# Which second factors a pool offers (SetUserPoolMfaConfig); MfaConfiguration itself and the
# SMS settings stay in pools.config, where DescribeUserPool shows them. No row: SMS is offered
# when the pool has an SmsConfiguration, TOTP and email are not.
pool_mfa = sa.Table(
    "pool_mfa",
    metadata,
    sa.Column("pool_id", sa.String(64), primary_key=True),
    sa.Column("sms", sa.Boolean, nullable=False),
    sa.Column("software_token", sa.Boolean, nullable=False),
    # EmailMfaConfiguration ({Message, Subject}) when email MFA is on, else null.
    sa.Column("email", sa.JSON, nullable=True),
)

# Authenticator-app (TOTP) secrets, keyed by the user's sub so a user deleted and created again
# under the same name starts without one. The secret must be usable to compute codes, so it is
# stored as given to the user; last_step stops a code from being accepted twice.
software_tokens = sa.Table(
    "software_tokens",
    metadata,
    sa.Column("pool_id", sa.String(64), primary_key=True),
    sa.Column("sub", sa.String(64), primary_key=True),
    # The verified secret (sign-in codes) and one being set up (VerifySoftwareToken promotes it).
    sa.Column("secret", sa.String(128), nullable=True),
    sa.Column("pending_secret", sa.String(128), nullable=True),
    sa.Column("friendly_name", sa.String(256), nullable=True),
    sa.Column("last_step", sa.BigInteger, nullable=True),
    sa.Column("created_at", sa.Float, nullable=False),
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

# -- identity pools (the cognito-identity service, see server/identity) -----------------------
# Columns say identity_pool_id, never pool_id: DeleteUserPool clears every table with a pool_id.

identity_pools = sa.Table(
    "identity_pools",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column("name", sa.String(128), nullable=False),
    # The IdentityPool wire shape as created (providers, AllowUnauthenticatedIdentities, ...).
    sa.Column("config", sa.JSON, nullable=False),
    # The key GetOpenIdToken signs with (one per identity pool, like a user pool's).
    sa.Column("kid", sa.String(128), nullable=False),
    sa.Column("private_pem", sa.Text, nullable=False),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

identities = sa.Table(
    "identities",
    metadata,
    sa.Column("id", sa.String(64), primary_key=True),
    sa.Column(
        "identity_pool_id",
        sa.String(64),
        sa.ForeignKey("identity_pools.id", ondelete="CASCADE"),
        index=True,
        nullable=False,
    ),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

# The logins linked to an identity: one user (provider + sub) has one identity per pool.
identity_logins = sa.Table(
    "identity_logins",
    metadata,
    sa.Column("identity_pool_id", sa.String(64), primary_key=True),
    sa.Column("provider", sa.String(128), primary_key=True),
    sa.Column("subject", sa.String(256), primary_key=True),
    sa.Column(
        "identity_id",
        sa.String(64),
        sa.ForeignKey("identities.id", ondelete="CASCADE"),
        index=True,
        nullable=False,
    ),
)

# Remembered devices (device tracking, see server/domain/devices.py). A row is made when a
# sign-in hands out NewDeviceMetadata; ConfirmDevice then stores the SRP salt and verifier of the
# device's own random password (never the password). Until then the device "does not exist" for
# the device operations and can't be used to sign in.
devices = sa.Table(
    "devices",
    metadata,
    sa.Column("device_key", sa.String(64), primary_key=True),
    sa.Column("pool_id", sa.String(64), nullable=False),
    sa.Column("username_key", sa.String(256), nullable=False),
    # The "pool name" of the device's SRP maths (DeviceGroupKey).
    sa.Column("group_key", sa.String(64), nullable=False),
    sa.Column("salt", sa.String(256), nullable=True),
    sa.Column("verifier", sa.Text, nullable=True),
    sa.Column("name", sa.String(1024), nullable=True),
    sa.Column("remembered", sa.Boolean, nullable=False, default=False),
    # A remembered device skips MFA only while trusted: a global sign-out clears it, and the
    # next sign-in from the device with MFA sets it again.
    sa.Column("trusted", sa.Boolean, nullable=False, default=False),
    sa.Column("last_ip", sa.String(64), nullable=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
    sa.Column("last_authenticated_at", sa.Float, nullable=True),
    sa.Index("ix_devices_user", "pool_id", "username_key"),
)

# User pool groups (CreateGroup ...). Names are case sensitive, as in Cognito. Precedence is
# optional (null sorts after every number in token claims). The table is not called "groups":
# GROUPS is a keyword in some SQL dialects.
groups = sa.Table(
    "user_groups",
    metadata,
    sa.Column("pool_id", sa.String(64), primary_key=True),
    sa.Column("group_name", sa.String(128), primary_key=True),
    sa.Column("description", sa.String(2048), nullable=True),
    sa.Column("role_arn", sa.String(2048), nullable=True),
    sa.Column("precedence", sa.BigInteger, nullable=True),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("updated_at", sa.Float, nullable=False),
)

# Who is in which group. Keyed by username_key, so deleting a user (users.delete_user) or a
# pool (every table with pool_id) removes the memberships without naming this table.
group_members = sa.Table(
    "group_members",
    metadata,
    sa.Column("pool_id", sa.String(64), primary_key=True),
    sa.Column("group_name", sa.String(128), primary_key=True),
    sa.Column("username_key", sa.String(256), primary_key=True),
    sa.Column("added_at", sa.Float, nullable=False),
    sa.Index("ix_group_members_user", "pool_id", "username_key"),
)
