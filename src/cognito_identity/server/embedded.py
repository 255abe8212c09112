"""The server on a real socket: in a background thread (tests, ``demo``) or blocking (``serve``).

::

    with EmbeddedServer(ServerConfig(db_url="sqlite:///pool.sqlite3")) as server:
        boto3.client("cognito-idp", endpoint_url=server.endpoint, ...)

We bind the listening socket ourselves, so ``port=0`` picks a free port and ``endpoint`` is
known before the first request, then hand it to uvicorn.
"""

from __future__ import annotations

import signal
import socket
import threading
import time
from collections.abc import Callable
from types import FrameType, TracebackType

import uvicorn
from sqlalchemy.engine import Engine
from starlette.applications import Starlette

from .app import create_app
from .bootstrap import DefaultPool, ensure_default_pool
from .config import ServerConfig
from .http_protocol import protocol_class

START_TIMEOUT = 15.0


class EmbeddedServer:
    """uvicorn serving :func:`create_app` in a daemon thread on ``host:port``.

    Args:
        config: the server settings.
        host: address to bind (loopback by default).
        port: port to bind; 0 picks a free one.

    ``start()`` returns once the server answers; ``stop()`` shuts it down, closes the socket
    and the database connections. Both are idempotent, and the object can start again.
    """

    def __init__(self, config: ServerConfig, host: str = "127.0.0.1", port: int = 0):
        self.config = config
        self.host = host
        self.app: Starlette = create_app(config)
        self._requested_port = port
        self._port: int | None = None
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._socket: socket.socket | None = None

    @property
    def engine(self) -> Engine:
        """The app's SQLAlchemy engine."""
        engine: Engine = self.app.state.engine
        return engine

    @property
    def port(self) -> int:
        """The bound port (only known once started)."""
        if self._port is None:
            raise RuntimeError("the server is not started")
        return self._port

    @property
    def endpoint(self) -> str:
        """``http://<host>:<port>/``: what boto3's ``endpoint_url`` and the SDK take."""
        return f"http://{_url_host(self.host)}:{self.port}/"

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server (``url("/_local/health")``)."""
        return self.endpoint + path.lstrip("/")

    def default_pool(self) -> DefaultPool:
        """The default pool and client (created on first call; see :mod:`.bootstrap`)."""
        return ensure_default_pool(self.engine, self.config)

    def start(self) -> EmbeddedServer:
        """Bind, serve in a background thread and wait until uvicorn is up."""
        if self._thread is not None:
            return self
        self._socket = bind_socket(self.host, self._requested_port)
        self._port = self._socket.getsockname()[1]
        config = uvicorn.Config(
            self.app,
            log_level="warning",
            lifespan="on",
            access_log=False,
            http=protocol_class(),
        )
        self._server = uvicorn.Server(config)
        sockets = [self._socket]
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": sockets}, name="cognito-server", daemon=True
        )
        self._thread.start()
        self._wait_started()
        return self

    def _wait_started(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        assert self._server is not None and self._thread is not None
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("the embedded server did not start")
            time.sleep(0.005)

    def stop(self) -> None:
        """Shut uvicorn down, join its thread, close the socket and the database pool."""
        if self._server is not None:
            self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=START_TIMEOUT)
        if self._socket is not None:
            self._socket.close()
        self.engine.dispose()
        self._server = self._thread = self._socket = None

    def __enter__(self) -> EmbeddedServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _url_host(host: str) -> str:
    if host in ("0.0.0.0", ""):
        return "127.0.0.1"  # reachable form of "all interfaces"
    return f"[{host}]" if ":" in host else host


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host:port`` (IPv6 when ``host`` has a colon)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # IPPROTO_TCP, not 0: asyncio sets TCP_NODELAY only on sockets that say they are TCP, and
    # without it every response waits ~40 ms for a delayed ACK (Nagle).
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock


def run_server(
    config: ServerConfig,
    host: str = "127.0.0.1",
    port: int = 9229,
    on_ready: Callable[[EmbeddedServer, DefaultPool], None] | None = None,
) -> None:
    """Serve until SIGINT or SIGTERM, then return normally (exit status 0).

    Makes sure the default pool exists, starts the server, then calls
    ``on_ready(server, default_pool)`` (the CLI prints its JSON line there). Must run in the
    main thread, which waits for the signal while uvicorn serves in the background.
    """
    stop = threading.Event()

    def request_stop(_signum: int, _frame: FrameType | None) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        with EmbeddedServer(config, host, port) as server:
            default = server.default_pool()
            if on_ready is not None:
                on_ready(server, default)
            while not stop.wait(0.5):
                pass
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
