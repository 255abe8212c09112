""":class:`~cognito_identity.cookies.CookieStorage` for WSGI apps (Flask, Django's WSGI...).

Nothing here imports a framework.

Flask, per view::

    storage = storage_from_environ(request.environ, COOKIES)
    ...
    response = make_response(page)
    apply_to_response(storage, response)

Or for the whole app, :class:`CookieStorageMiddleware` binds one storage per request, puts it
in ``environ["cognito_identity.cookie_storage"]`` (Flask: ``request.environ[...]``) and adds
its ``Set-Cookie`` headers when the app starts the response.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any, Protocol

from ._storage import CookieStorage

#: Where the middleware puts the storage in the WSGI environ.
ENVIRON_KEY = "cognito_identity.cookie_storage"

StartResponse = Callable[..., Any]
WSGIApp = Callable[[dict[str, Any], StartResponse], Iterable[bytes]]


class _Headers(Protocol):
    def add(self, key: str, value: str) -> None: ...


class _Response(Protocol):
    @property
    def headers(self) -> _Headers: ...


def storage_from_environ(environ: Mapping[str, Any], settings: CookieStorage) -> CookieStorage:
    """A storage with ``settings``' attributes over the request's ``HTTP_COOKIE``."""
    return settings.with_cookies(str(environ.get("HTTP_COOKIE", "")))


def apply_to_response(storage: CookieStorage, response: _Response) -> None:
    """Add ``storage``'s pending ``Set-Cookie`` headers to a Flask/Werkzeug response."""
    for header in storage.set_cookie_headers():
        response.headers.add("Set-Cookie", header)


def set_cookie_pairs(storage: CookieStorage) -> list[tuple[str, str]]:
    """``storage``'s pending cookies as WSGI header pairs, for ``start_response``."""
    return [("Set-Cookie", header) for header in storage.set_cookie_headers()]


class CookieStorageMiddleware:
    """WSGI middleware: a :class:`CookieStorage` per request, its cookies sent back.

    Example::

        app.wsgi_app = CookieStorageMiddleware(app.wsgi_app, CookieStorage(secure=False))
        # in a view: storage = request.environ[ENVIRON_KEY]
    """

    def __init__(self, app: WSGIApp, settings: CookieStorage) -> None:
        self.app = app
        self.settings = settings

    def __call__(self, environ: dict[str, Any], start_response: StartResponse) -> Iterable[bytes]:
        storage = storage_from_environ(environ, self.settings)
        environ[ENVIRON_KEY] = storage

        def start_with_cookies(status: str, headers: list[tuple[str, str]], *exc: Any) -> Any:
            return start_response(status, [*headers, *set_cookie_pairs(storage)], *exc)

        return self.app(environ, start_with_cookies)
