"""Export user pools to a JSON document and import them into another database.

What travels: every row of a pool in the tables that hold its lasting state, which are the pool
(settings), its signing keys (private keys included, so tokens issued before the export still
verify after the import), app clients (secrets included), users (SRP salt and verifier, never a
password; status, attributes, MFA settings), aliases, MFA configuration, authenticator (TOTP)
secrets and groups. What does not: codes, login sessions, refresh tokens, remembered devices and
the outbox, which are short-lived or tied to one sign-in (after an import users sign in again).

The document is therefore a secret: whoever has it can sign tokens for the pool and compute the
users' TOTP codes. :func:`write_document` creates the file with mode 0600.

Tables are found by their ``pool_id`` column, so tables added later (groups) are included
without changes here; columns the target does not know are dropped on import, columns the
document lacks take their defaults.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import Connection
from sqlalchemy.engine import Engine

from .store.schema import metadata, pools

FORMAT = "cognito-identity-export"
VERSION = 1
#: Tables with a pool_id whose rows are short-lived or tied to one sign-in: never exported.
TRANSIENT = frozenset({"codes", "auth_sessions", "refresh_tokens", "outbox", "devices"})


class TransferError(Exception):
    """The document is not an export, or a pool in it already exists in the target."""


def pool_tables() -> list[sa.Table]:
    """The tables exported, parents before children (``pools`` first)."""
    tables = [pools]
    for table in metadata.sorted_tables:
        if "pool_id" in table.c and table.name not in TRANSIENT:
            tables.append(table)
    return tables


def _rows(conn: Connection, table: sa.Table, pool_id: str) -> list[dict[str, Any]]:
    column = table.c.id if table is pools else table.c.pool_id
    ordered = sa.select(table).where(column == pool_id).order_by(*table.primary_key.columns)
    return [dict(row._mapping) for row in conn.execute(ordered)]


def export_pool(conn: Connection, pool_id: str) -> dict[str, Any]:
    """One pool's rows: ``{"id": ..., "tables": {"pools": [...], "users": [...], ...}}``."""
    tables = {table.name: _rows(conn, table, pool_id) for table in pool_tables()}
    if not tables["pools"]:
        raise TransferError(f"no pool {pool_id}")
    return {"id": pool_id, "tables": tables}


def export_pools(engine: Engine, pool_ids: Iterable[str] = ()) -> dict[str, Any]:
    """The export document of ``pool_ids`` (every pool when empty)."""
    with engine.connect() as conn:
        ids = list(pool_ids) or list(conn.scalars(sa.select(pools.c.id).order_by(pools.c.id)))
        exported = [export_pool(conn, pool_id) for pool_id in ids]
    return {"format": FORMAT, "version": VERSION, "pools": exported}


def _check(document: Any) -> list[dict[str, Any]]:
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise TransferError("not a cognito-identity export (no 'format' field)")
    if document.get("version") != VERSION:
        raise TransferError(f"unsupported export version {document.get('version')!r}")
    return list(document.get("pools", []))


def _insert(conn: Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    known = set(table.c.keys())
    cleaned = [{key: value for key, value in row.items() if key in known} for row in rows]
    if cleaned:
        conn.execute(table.insert(), cleaned)


def import_pool(conn: Connection, exported: dict[str, Any]) -> str:
    """Insert one exported pool; TransferError if its id is taken in the target."""
    pool_id = str(exported["id"])
    if conn.execute(sa.select(pools.c.id).where(pools.c.id == pool_id)).first():
        raise TransferError(f"pool {pool_id} already exists in the target database")
    tables = exported.get("tables", {})
    for table in pool_tables():
        _insert(conn, table, list(tables.get(table.name, [])))
    return pool_id


def import_pools(engine: Engine, document: Any) -> list[str]:
    """Import every pool of ``document`` in one transaction (all or nothing); their ids."""
    exported = _check(document)
    with engine.begin() as conn:
        return [import_pool(conn, pool) for pool in exported]


def write_document(document: dict[str, Any], path: Path) -> None:
    """Write ``document`` as JSON to ``path``, readable by its owner only (it holds secrets)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(document, file, indent=1, sort_keys=True)
        file.write("\n")


def read_document(path: Path) -> Any:
    """The JSON in ``path``; TransferError when it is not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except ValueError as exc:
        raise TransferError(f"{path} is not JSON: {exc}") from exc
