"""The signed-in pages: welcome (the user's attributes), update an attribute, log out.

A request without a usable session (no cookies, or a refresh token the pool refused) is sent
to the log-in page, and its Cognito cookies are expired.
"""

from __future__ import annotations

import contextlib

from starlette.requests import Request
from starlette.responses import Response

from cognito_identity import CognitoUser, CookieStorage, errors
from cognito_identity.cookies.asgi import storage_for

from . import pages
from .forms import check_name, check_phone
from .web import Web, form_of, html, in_thread, redirect, web_of, with_cookies

SIGNED_OUT = (errors.NotAuthenticatedError, errors.NotAuthorizedException)
CHECKS = {"name": check_name, "phone_number": check_phone}


def current_user(web: Web, storage: CookieStorage) -> CognitoUser | None:
    """The user the cookies name, with a valid session (refreshed if needed), or ``None``."""
    user = web.pool(storage).get_current_user()
    if user is None:
        return None
    try:
        user.get_session()
    except SIGNED_OUT:
        storage.clear()
        return None
    return user


def to_log_in(storage: CookieStorage) -> Response:
    return with_cookies(storage, redirect("/login", expired="1"))


async def home(request: Request) -> Response:
    storage = storage_for(request, web_of(request).config.cookies)
    signed_in = storage.get_item(web_of(request).pool(storage).storage_keys.last_auth_user)
    return redirect("/welcome" if signed_in else "/login")


async def welcome(request: Request) -> Response:
    web = web_of(request)
    storage = storage_for(request, web.config.cookies)
    user = await in_thread(lambda: current_user(web, storage))
    if user is None:
        return to_log_in(storage)
    updated = request.query_params.get("updated", "")
    message = f"Your {updated} is saved." if updated else ""
    return with_cookies(storage, await render_welcome(user, message))


async def render_welcome(user: CognitoUser, message: str = "", error: str = "") -> Response:
    attributes = await in_thread(user.get_user_attributes)
    values = {attribute.name: attribute.value for attribute in attributes}
    return html(pages.welcome(values, message, error), 400 if error else 200)


async def update_attribute(request: Request) -> Response:
    web, form = web_of(request), await form_of(request)
    storage = storage_for(request, web.config.cookies)
    user = await in_thread(lambda: current_user(web, storage))
    if user is None:
        return to_log_in(storage)
    name, value = form.get("attribute", ""), form.get("value", "").strip()
    problems = problems_with(name, value)
    if not problems:
        try:
            await in_thread(lambda: user.update_attributes({name: value}))
            return with_cookies(storage, redirect("/welcome", updated=name))
        except errors.CognitoServiceError as exc:
            problems = [exc.message]
    return with_cookies(storage, await render_welcome(user, error=f"{name}: {problems[0]}"))


def problems_with(name: str, value: str) -> list[str]:
    if name not in pages.EDITABLE:
        return ["This attribute cannot be changed here."]
    if not value:
        return ["Required."]
    check = CHECKS.get(name)
    return check(value) if check else []


async def log_out(request: Request) -> Response:
    web = web_of(request)
    storage = storage_for(request, web.config.cookies)
    user = web.pool(storage).get_current_user()
    if user is not None:
        # Signed out here whatever RevokeToken answers (the token may already be gone).
        with contextlib.suppress(errors.CognitoError):
            await in_thread(lambda: user.sign_out(revoke=True))
    storage.clear()
    return with_cookies(storage, redirect("/login", signed_out="1"))
