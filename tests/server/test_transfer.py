"""``cognito-identity export`` / ``import``: a pool moves to a fresh database and still works.

The source is a SQLite file; the target is a fresh database of each backend (``db_url``: SQLite
and, as the module is marked ``postgres``, PostgreSQL).
"""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import httpx
import pytest

from cognito_identity.cli import main
from cognito_identity.server.config import ServerConfig
from cognito_identity.server.embedded import EmbeddedServer
from cognito_identity.server.transfer import TransferError, import_pools

from ..conftest import STRONG_PASSWORD, PoolIds, make_boto_client
from .helpers import srp_login

pytestmark = pytest.mark.postgres  # the target database also on PostgreSQL (tests/conftest.py)

# One issuer for both servers: tokens name it, and the target checks it.
PUBLIC_URL = "http://cognito.test"


def _populate(server: EmbeddedServer) -> tuple[PoolIds, dict[str, Any]]:
    """A pool with a secret-less client and a confirmed user; the user's first tokens."""
    boto = make_boto_client(server.endpoint)
    pool_id = boto.create_user_pool(PoolName="saved", AutoVerifiedAttributes=["email"])
    pool_id = pool_id["UserPool"]["Id"]
    client = boto.create_user_pool_client(
        UserPoolId=pool_id, ClientName="app", ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH"]
    )
    ids = PoolIds(pool_id, client["UserPoolClient"]["ClientId"], server.endpoint)
    attributes = [{"Name": "email", "Value": "alice@example.com"}]
    boto.sign_up(
        ClientId=ids.client_id,
        Username="alice",
        Password=STRONG_PASSWORD,
        UserAttributes=attributes,
    )
    boto.admin_confirm_sign_up(UserPoolId=pool_id, Username="alice")
    return ids, srp_login(boto, ids, "alice")


def _jwks(server: EmbeddedServer, pool_id: str) -> Any:
    return httpx.get(server.url(f"/{pool_id}/.well-known/jwks.json")).json()


@pytest.fixture
def exported(tmp_path: Path) -> tuple[Path, PoolIds, dict[str, Any], Any]:
    """The export file of a populated SQLite database, the ids, old tokens and JWKS."""
    source = f"sqlite:///{tmp_path / 'source.sqlite3'}"
    with EmbeddedServer(ServerConfig(db_url=source, public_url=PUBLIC_URL)) as server:
        ids, tokens = _populate(server)
        jwks = _jwks(server, ids.user_pool_id)
    path = tmp_path / "export.json"
    assert main(["export", str(path), "--db", source]) == 0
    return path, ids, tokens, jwks


def test_import_restores_sign_in_and_old_tokens(
    exported: tuple[Path, PoolIds, dict[str, Any], Any], db_url: str
) -> None:
    path, ids, tokens, jwks = exported
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert main(["import", str(path), "--db", db_url]) == 0
    with EmbeddedServer(ServerConfig(db_url=db_url, public_url=PUBLIC_URL)) as server:
        boto = make_boto_client(server.endpoint)
        moved = PoolIds(ids.user_pool_id, ids.client_id, server.endpoint)
        # The SRP verifier moved: the same password signs in.
        assert srp_login(boto, moved, "alice")["AccessToken"]
        # The signing key moved: a token from before the export is still valid.
        user = boto.get_user(AccessToken=tokens["AccessToken"])
        assert user["Username"] == "alice"
        assert _jwks(server, ids.user_pool_id) == jwks


def test_import_refuses_an_existing_pool(
    exported: tuple[Path, PoolIds, dict[str, Any], Any],
    db_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = exported[0]
    assert main(["import", str(path), "--db", db_url]) == 0
    assert main(["import", str(path), "--db", db_url]) == 1
    assert "already exists" in capsys.readouterr().err


def test_export_holds_no_passwords_and_no_short_lived_rows(
    exported: tuple[Path, PoolIds, dict[str, Any], Any],
) -> None:
    path = exported[0]
    text = path.read_text()
    assert STRONG_PASSWORD not in text
    tables = json.loads(text)["pools"][0]["tables"]
    assert {"pools", "pool_keys", "clients", "users"} <= set(tables)
    assert not {"codes", "auth_sessions", "refresh_tokens", "outbox"} & set(tables)
    assert tables["users"][0]["password_verifier"]


def test_not_an_export_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(TransferError, match="not a cognito-identity export"):
        import_pools(None, {"pools": []})  # type: ignore[arg-type]
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    database = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    assert main(["import", str(bad), "--db", database]) == 1
    assert "is not JSON" in capsys.readouterr().err
