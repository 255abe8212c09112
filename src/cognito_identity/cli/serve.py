"""``cognito-identity serve``: the local user pool server.

On start it makes sure a default pool and app client exist, then prints one JSON line with
``endpoint``, ``user_pool_id``, ``client_id``, ``region`` and the admin credentials it accepts,
so scripts can read it (``cognito-identity serve | head -n1``).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from pathlib import Path
from typing import Any

DEFAULT_PORT = 9229
DATA_DIR_ENV = "COGNITO_IDENTITY_DATA_DIR"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("serve", help="run the local user pool server")
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (0: any free port)")
    parser.add_argument(
        "--db", default=None, help="SQLAlchemy URL (default: SQLite in the data dir)"
    )
    parser.add_argument(
        "--data-dir",
        default=os.environ.get(DATA_DIR_ENV, ".cognito-identity"),
        help=f"where the SQLite file lives (default: ./.cognito-identity or ${DATA_DIR_ENV})",
    )
    parser.add_argument("--region", default="us-east-1", help="region used in pool ids")
    parser.add_argument(
        "--public-url",
        default=None,
        help="base URL for token issuers (default: the URL each request came to)",
    )
    parser.set_defaults(run=run)


def database_url(db: str | None, data_dir: str) -> str:
    """The URL given, or a SQLite file in ``data_dir`` (created if missing)."""
    if db:
        return db
    directory = Path(data_dir).expanduser().resolve()
    directory.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{directory / 'cognito-identity.sqlite3'}"


def startup_line(endpoint: str, ids: Any, config: Any) -> str:
    return json.dumps(
        {
            "endpoint": endpoint,
            "user_pool_id": ids.user_pool_id,
            "client_id": ids.client_id,
            "region": config.region,
            "aws_access_key_id": config.admin_access_key_id,
            "aws_secret_access_key": config.admin_secret_access_key,
        }
    )


def _raise_interrupt(_signum: int, _frame: Any) -> None:
    raise KeyboardInterrupt


def run(args: argparse.Namespace) -> int:
    from ..server.bootstrap import ensure_default_pool
    from ..server.config import ServerConfig
    from ..server.embedded import EmbeddedServer

    config = ServerConfig(
        db_url=database_url(args.db, args.data_dir),
        region=args.region,
        public_url=args.public_url,
    )
    # SIGTERM (docker stop, systemd, a test harness) shuts down as cleanly as Ctrl-C.
    signal.signal(signal.SIGTERM, _raise_interrupt)
    try:
        with EmbeddedServer(config, host=args.host, port=args.port) as server:
            ids = ensure_default_pool(server.engine, config)
            print(startup_line(server.endpoint, ids, config), flush=True)
            threading.Event().wait()
    except KeyboardInterrupt:
        # A signal may land anywhere, even before the wait: the server stops cleanly either way.
        print("cognito-identity: stopped", file=sys.stderr)
    return 0
