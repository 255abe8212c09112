"""The local user pool server: Cognito's wire protocol over SQL storage.

Entry points::

    create_app(config)          the Starlette (ASGI) app          -> server/app.py
    EmbeddedServer(config)      the app on a socket in a thread    -> server/embedded.py
    run_server(config, ...)     blocking, for ``cognito-identity serve``
    ensure_default_pool(...)    the "local" pool and client made on first start

Importing this package needs the ``server`` extra (starlette, uvicorn, sqlalchemy, botocore,
cryptography); the SDK never imports it.
"""

from __future__ import annotations

from .config import ServerConfig

__all__ = ["ServerConfig"]
