"""``python -m examples.webapp``: the local user pool server and the example app, together.

Options: ``--port`` (the app, default 8000), ``--host`` (default 127.0.0.1), ``--db`` (a
SQLAlchemy URL to keep users between runs; default a fresh SQLite file). The environment
variable ``WEBAPP_SECRET_KEY`` sets the key signing the pending-MFA cookie (default: random per
run).
"""

from __future__ import annotations

import argparse
import dataclasses
import os

import uvicorn

from .app import create_app
from .local import start_local_pool
from .web import AppConfig


def parse(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m examples.webapp", description=__doc__)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--db", default=None, help="SQLAlchemy URL of the pool's database")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    options = parse(argv)
    local = start_local_pool(options.db)
    config = AppConfig(local.user_pool_id, local.client_id, local.endpoint)
    secret = os.environ.get("WEBAPP_SECRET_KEY")
    if secret:
        config = dataclasses.replace(config, secret_key=secret.encode("utf-8"))
    print(f"Local user pool server: {local.endpoint} (pool {local.user_pool_id})", flush=True)
    print(f"Example app: http://{options.host}:{options.port}/  (Ctrl+C stops both)", flush=True)
    try:
        uvicorn.run(create_app(config), host=options.host, port=options.port, log_level="warning")
    finally:
        local.stop()


if __name__ == "__main__":
    main()
