"""The ASGI (Starlette) and WSGI (plain and Flask) adapters, in-process."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from wsgiref.util import setup_testing_defaults

import pytest
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from cognito_identity import CookieStorage
from cognito_identity.cookies import asgi, wsgi

SETTINGS = CookieStorage(secure=False, same_site="lax")
KEY = "CognitoIdentityServiceProvider.c.LastAuthUser"


def bump(storage: CookieStorage) -> str:
    """Read a counter cookie and write it back plus one; the page shows what was read."""
    seen = storage.get_item(KEY) or "0"
    storage.set_item(KEY, str(int(seen) + 1))
    return f"seen {seen}"


def test_starlette_helpers_read_request_and_write_response() -> None:
    async def page(request: Request) -> PlainTextResponse:
        storage = asgi.storage_for(request, SETTINGS)
        response = PlainTextResponse(bump(storage))
        asgi.apply_to_response(storage, response)
        return response

    with TestClient(Starlette(routes=[Route("/", page)])) as client:
        assert client.get("/").text == "seen 0"
        assert "SameSite=Lax" in client.get("/").headers["set-cookie"]
        assert client.get("/").text == "seen 2"


def test_asgi_middleware_binds_storage_per_request() -> None:
    async def page(request: Request) -> PlainTextResponse:
        return PlainTextResponse(bump(request.state.cognito_storage))

    middleware = [Middleware(asgi.CookieStorageMiddleware, settings=SETTINGS)]
    app = Starlette(routes=[Route("/", page)], middleware=middleware)
    with TestClient(app) as client:
        assert [client.get("/").text for _ in range(3)] == ["seen 0", "seen 1", "seen 2"]
    with TestClient(app) as other:  # a fresh browser starts again
        assert other.get("/").text == "seen 0"


def test_asgi_middleware_passes_other_scopes_through() -> None:
    seen: list[str] = []

    async def inner(scope: Any, receive: Any, send: Any) -> None:
        seen.append(scope["type"])

    middleware = asgi.CookieStorageMiddleware(inner, SETTINGS)
    import anyio

    anyio.run(middleware, {"type": "lifespan"}, None, None)
    assert seen == ["lifespan"]


def call_wsgi(app: Any, cookie: str = "") -> tuple[str, list[tuple[str, str]], bytes]:
    environ: dict[str, Any] = {}
    setup_testing_defaults(environ)
    if cookie:
        environ["HTTP_COOKIE"] = cookie
    started: list[Any] = []
    body = b"".join(app(environ, lambda status, headers, *exc: started.extend([status, headers])))
    return started[0], started[1], body


def tiny_wsgi_app(environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
    text = bump(environ[wsgi.ENVIRON_KEY])
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [text.encode()]


def test_wsgi_middleware_reads_and_sets_cookies() -> None:
    app = wsgi.CookieStorageMiddleware(tiny_wsgi_app, SETTINGS)
    status, headers, body = call_wsgi(app)
    assert (status, body) == ("200 OK", b"seen 0")
    cookie = dict(headers)["Set-Cookie"].split(";")[0]
    assert cookie == f"{KEY}=1"
    assert call_wsgi(app, cookie)[2] == b"seen 1"


def test_wsgi_helpers_without_middleware() -> None:
    storage = wsgi.storage_from_environ({"HTTP_COOKIE": f"{KEY}=41"}, SETTINGS)
    assert bump(storage) == "seen 41"
    assert wsgi.set_cookie_pairs(storage)[0][1].startswith(f"{KEY}=42; Path=/")


def test_flask_helpers() -> None:
    flask = pytest.importorskip("flask")
    app = flask.Flask(__name__)

    @app.route("/")
    def page() -> Any:
        storage = wsgi.storage_from_environ(flask.request.environ, SETTINGS)
        response = flask.make_response(bump(storage))
        wsgi.apply_to_response(storage, response)
        return response

    client = app.test_client()
    assert client.get("/").text == "seen 0"
    assert client.get("/").text == "seen 1"
