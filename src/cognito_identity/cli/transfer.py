"""``cognito-identity export`` / ``import``: save a pool to a JSON file and restore it.

Works on the database directly (``--db`` / ``--data-dir``, as ``serve``), not over HTTP, so a
stopped server's data can be saved. The file holds signing keys, client secrets and TOTP secrets
(see :mod:`cognito_identity.server.transfer`): it is written with mode 0600; keep it private.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

from ._admin import fail
from .serve import DATA_DIR_ENV, database_url


def _add_store_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db", default=None, help="SQLAlchemy URL (default: SQLite in the data dir)"
    )
    parser.add_argument(
        "--data-dir",
        default=os.environ.get(DATA_DIR_ENV, ".cognito-identity"),
        help=f"where the SQLite file lives (default: ./.cognito-identity or ${DATA_DIR_ENV})",
    )


def add_parser(subparsers: Any) -> None:
    export = subparsers.add_parser("export", help="save pools (users, keys...) to a JSON file")
    export.add_argument("file", type=Path, help="the JSON file to write (mode 0600)")
    export.add_argument(
        "--pool-id", action="append", default=[], help="export this pool only (repeatable)"
    )
    _add_store_options(export)
    export.set_defaults(run=run_export)
    restore = subparsers.add_parser("import", help="restore pools from an export file")
    restore.add_argument("file", type=Path, help="a file written by `cognito-identity export`")
    _add_store_options(restore)
    restore.set_defaults(run=run_import)


def run_export(args: argparse.Namespace) -> int:
    from ..server.store.db import make_engine
    from ..server.transfer import TransferError, export_pools, write_document

    engine = make_engine(database_url(args.db, args.data_dir))
    try:
        document = export_pools(engine, args.pool_id)
        write_document(document, args.file)
    except (TransferError, OSError) as exc:
        return fail(f"export: {exc}")
    finally:
        engine.dispose()
    for pool in document["pools"]:
        count = len(pool["tables"].get("users", []))
        print(f"exported {pool['id']} ({count} users) to {args.file}", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace) -> int:
    from ..server.store.db import make_engine
    from ..server.transfer import TransferError, import_pools, read_document

    try:
        document = read_document(args.file)
    except (TransferError, OSError) as exc:
        return fail(f"import: {exc}")
    engine = make_engine(database_url(args.db, args.data_dir))
    try:
        imported = import_pools(engine, document)
    except TransferError as exc:
        return fail(f"import: {exc}")
    finally:
        engine.dispose()
    for pool_id in imported:
        print(f"imported {pool_id}")
    return 0
