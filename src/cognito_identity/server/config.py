"""Settings of one local user pool server, with time and randomness injected for tests."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ServerConfig:
    """How a server instance behaves.

    Args:
        db_url: SQLAlchemy URL (``sqlite:///path`` by default, ``postgresql+psycopg://...``).
        region: the region in pool ids, ARNs and default endpoints (``us-east-1_AbC...``).
        public_url: base URL for token issuers (``<public_url>/<pool id>``); ``None`` takes the
            base URL of each request, which is right for one server on one address.
        admin_access_key_id / admin_secret_access_key: the credentials admin operations accept.
        clock: seconds since the epoch; tests pass a fake one to expire codes and tokens.
        random_bytes: source of secure randomness (salts, codes, SRP ``b``, ids).
        log_messages: also log each outbox message (codes) to the server log.
    """

    db_url: str
    region: str = "us-east-1"
    public_url: str | None = None
    admin_access_key_id: str = "local"
    admin_secret_access_key: str = "local-secret"
    clock: Callable[[], float] = field(default=time.time)
    random_bytes: Callable[[int], bytes] = field(default=secrets.token_bytes)
    log_messages: bool = True
