"""The local user pool server the example runs on: started in-process, MFA by email code."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cognito_identity.server.config import ServerConfig
from cognito_identity.server.embedded import EmbeddedServer

MFA_EMAIL = {"Message": "Your sign-in code is {####}", "Subject": "Your sign-in code"}


@dataclass
class LocalPool:
    """A running local server and the pool and client the app uses."""

    server: EmbeddedServer
    user_pool_id: str
    client_id: str

    @property
    def endpoint(self) -> str:
        return self.server.endpoint

    def stop(self) -> None:
        self.server.stop()


def start_local_pool(db_url: str | None = None, port: int = 0) -> LocalPool:
    """Start a server (on a fresh SQLite file unless ``db_url``), with the default pool set to
    require MFA by email code (every user has a confirmed email, so sign-in asks for one)."""
    if db_url is None:
        db_url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='webapp-')) / 'pool.sqlite3'}"
    config = ServerConfig(db_url=db_url, log_messages=False)
    server = EmbeddedServer(config, port=port).start()
    ids = server.default_pool()
    require_email_mfa(admin_client(server), ids.user_pool_id)
    return LocalPool(server, ids.user_pool_id, ids.client_id)


def admin_client(server: EmbeddedServer) -> Any:
    """A botocore cognito-idp client for the local server's admin operations."""
    import botocore.session

    return botocore.session.get_session().create_client(
        "cognito-idp",
        region_name=server.config.region,
        endpoint_url=server.endpoint,
        aws_access_key_id=server.config.admin_access_key_id,
        aws_secret_access_key=server.config.admin_secret_access_key,
    )


def require_email_mfa(client: Any, user_pool_id: str) -> None:
    """SetUserPoolMfaConfig: MFA ON, with codes by email (the local outbox shows them)."""
    client.set_user_pool_mfa_config(
        UserPoolId=user_pool_id, MfaConfiguration="ON", EmailMfaConfiguration=MFA_EMAIL
    )
