"""The Starlette app: routes as data, shared state made once."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette
from starlette.routing import Route

from . import account_routes as account
from . import auth_routes as auth
from .web import AppConfig, Web

__all__ = ["AppConfig", "create_app"]


def create_app(config: AppConfig) -> Starlette:
    """The example app for the pool in ``config``."""
    web = Web(config)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        web.close()

    routes = [
        Route("/", account.home),
        Route("/signup", auth.sign_up_page, methods=["GET"]),
        Route("/signup", auth.sign_up, methods=["POST"]),
        Route("/confirm", auth.confirm_page, methods=["GET"]),
        Route("/confirm", auth.confirm, methods=["POST"]),
        Route("/confirm/resend", auth.resend_code, methods=["POST"]),
        Route("/login", auth.log_in_page, methods=["GET"]),
        Route("/login", auth.log_in, methods=["POST"]),
        Route("/mfa", auth.mfa_page, methods=["GET"]),
        Route("/mfa", auth.mfa, methods=["POST"]),
        Route("/welcome", account.welcome, methods=["GET"]),
        Route("/attributes", account.update_attribute, methods=["POST"]),
        Route("/logout", account.log_out, methods=["POST"]),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.web = web
    return app
