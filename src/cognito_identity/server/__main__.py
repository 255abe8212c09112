"""``python -m cognito_identity.server``: serve on 127.0.0.1:9229 with ./cognito-identity.sqlite3.

A bare-bones runner for debugging the server alone; ``cognito-identity serve`` is the real CLI.
"""

from __future__ import annotations

import json

from .bootstrap import DefaultPool
from .config import ServerConfig
from .embedded import EmbeddedServer, run_server


def _announce(server: EmbeddedServer, default: DefaultPool) -> None:
    info = {
        "endpoint": server.endpoint,
        "user_pool_id": default.user_pool_id,
        "client_id": default.client_id,
        "region": server.config.region,
    }
    print(json.dumps(info), flush=True)


if __name__ == "__main__":
    run_server(ServerConfig(db_url="sqlite:///cognito-identity.sqlite3"), on_ready=_announce)
