""":class:`~cognito_identity.cookies.CookieStorage` for ASGI apps (Starlette, FastAPI...).

Nothing here imports a framework: requests and responses are used through the few attributes
Starlette's (and so FastAPI's) have.

Per route::

    storage = storage_for(request, COOKIES)
    ...                                     # the SDK reads and writes tokens through it
    apply_to_response(storage, response)    # adds its Set-Cookie headers

Or for the whole app, :class:`CookieStorageMiddleware` binds one storage per request, puts it
in ``request.state.cognito_storage`` and adds its ``Set-Cookie`` headers to the response.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any, Protocol

from ._storage import CookieStorage

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Where the middleware puts the storage: ``request.state.cognito_storage``.
STATE_KEY = "cognito_storage"


class _Headers(Protocol):
    def getlist(self, key: str) -> list[str]: ...


class _Request(Protocol):
    @property
    def headers(self) -> _Headers: ...


class _MutableHeaders(Protocol):
    def append(self, key: str, value: str) -> None: ...


class _Response(Protocol):
    @property
    def headers(self) -> _MutableHeaders: ...


def storage_for(request: _Request, settings: CookieStorage) -> CookieStorage:
    """A storage with ``settings``' attributes over the cookies ``request`` carried."""
    return settings.with_cookies("; ".join(request.headers.getlist("cookie")))


def apply_to_response(storage: CookieStorage, response: _Response) -> None:
    """Add ``storage``'s pending ``Set-Cookie`` headers to a Starlette/FastAPI response."""
    for header in storage.set_cookie_headers():
        response.headers.append("set-cookie", header)


def storage_from_scope(scope: Scope, settings: CookieStorage) -> CookieStorage:
    """A storage over the cookies of a raw ASGI ``scope``."""
    values = [value.decode("latin-1") for name, value in scope["headers"] if name == b"cookie"]
    return settings.with_cookies("; ".join(values))


class CookieStorageMiddleware:
    """ASGI middleware: a :class:`CookieStorage` per HTTP request, its cookies sent back.

    The storage is in ``scope["state"]["cognito_storage"]`` (Starlette:
    ``request.state.cognito_storage``). Headers are added when the response starts, so write
    tokens before returning the response (streamed bodies cannot set cookies afterwards).

    Example::

        app = Starlette(routes=..., middleware=[
            Middleware(CookieStorageMiddleware, settings=CookieStorage(secure=False)),
        ])
    """

    def __init__(self, app: ASGIApp, settings: CookieStorage) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        storage = storage_from_scope(scope, self.settings)
        scope.setdefault("state", {})[STATE_KEY] = storage

        async def send_with_cookies(message: Message) -> None:
            if message["type"] == "http.response.start":
                extra = [(b"set-cookie", h.encode("latin-1")) for h in storage.set_cookie_headers()]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_cookies)
