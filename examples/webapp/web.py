"""What every route shares: the config, one HTTP client, the signer of the cookie that holds
a sign-in waiting for its MFA code, helpers.

Each request binds the app's :class:`CookieStorage` settings to the cookies the browser sent
(:func:`storage_for`), builds a pool on it (sharing one HTTP client) and sends back whatever
the SDK wrote: new tokens after log-in or refresh, expired cookies after log-out. The SDK
blocks, so it runs in Starlette's thread pool (:func:`in_thread`).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar
from urllib.parse import parse_qsl, urlencode

import httpx
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from cognito_identity import CognitoUserPool, CookieStorage
from cognito_identity.cookies.asgi import apply_to_response

from .pending import PendingSignIns

T = TypeVar("T")


@dataclass(frozen=True)
class AppConfig:
    """Where the pool is and how cookies are written.

    Attributes:
        user_pool_id, client_id, endpoint: the pool (``endpoint``: the local server's URL).
        cookies: the cookie settings (``secure=False`` for plain HTTP on localhost).
        show_local_codes: read codes from the local server's outbox and show them (a
            development convenience; turn off anywhere else).
        secret_key: the HMAC-SHA256 key signing the cookie of a sign-in waiting for its MFA
            code (see :mod:`.pending`). The default is random per process: give every worker
            process the same key (``python -m examples.webapp`` reads ``WEBAPP_SECRET_KEY``),
            and keep it secret.
    """

    user_pool_id: str
    client_id: str
    endpoint: str
    cookies: CookieStorage = field(
        default_factory=lambda: CookieStorage(secure=False, same_site="lax")
    )
    show_local_codes: bool = True
    secret_key: bytes = field(default_factory=lambda: secrets.token_bytes(32), repr=False)


class Web:
    """What the routes share: the config, one HTTP client, the pending-sign-in cookie signer."""

    def __init__(self, config: AppConfig) -> None:
        self.config = config
        self.http = httpx.Client(timeout=10)
        self.pending = PendingSignIns(config.secret_key)

    def close(self) -> None:
        self.http.close()

    def pool(self, storage: Any) -> CognitoUserPool:
        ids = self.config
        return CognitoUserPool(
            ids.user_pool_id, ids.client_id, ids.endpoint, storage, http_client=self.http
        )

    def local_code(self, username: str, kind: str) -> str | None:
        """The newest code of ``kind`` the local server "sent" to ``username``."""
        if not self.config.show_local_codes:
            return None
        query = {"pool_id": self.config.user_pool_id, "username": username}
        answer = self.http.get(self.config.endpoint.rstrip("/") + "/_local/messages", params=query)
        found = [m for m in answer.json().get("messages", []) if m.get("kind") == kind]
        return str(found[0]["code"]) if found else None


async def in_thread(function: Callable[[], T]) -> T:
    return await run_in_threadpool(function)


def html(page: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(page, status_code=status)


def redirect(path: str, **query: str) -> RedirectResponse:
    return RedirectResponse(path + ("?" + urlencode(query) if query else ""), status_code=303)


def with_cookies(storage: CookieStorage, response: Response) -> Response:
    apply_to_response(storage, response)
    return response


async def form_of(request: Request) -> dict[str, str]:
    """The posted form (URL-encoded: the pages upload no files, so python-multipart, which
    Starlette's ``request.form()`` needs, is not needed)."""
    return dict(parse_qsl((await request.body()).decode("utf-8"), keep_blank_values=True))


def web_of(request: Request) -> Web:
    web: Web = request.app.state.web
    return web
