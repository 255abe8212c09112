"""Sign up, confirm with the emailed code, log in (with the MFA code step)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from cognito_identity import (
    AuthenticationDetails,
    CognitoUser,
    CognitoUserSession,
    CookieStorage,
    EmailOtpChallenge,
    MemoryStorage,
    SmsMfaChallenge,
    TotpChallenge,
    errors,
)
from cognito_identity.cookies.asgi import storage_for

from . import pages
from .forms import SignUpForm, check_sign_up
from .pending import COOKIE as PENDING_COOKIE
from .pending import Pending
from .web import Web, form_of, html, in_thread, redirect, web_of, with_cookies

CODE_CHALLENGES = (SmsMfaChallenge, EmailOtpChallenge, TotpChallenge)


# Sign up and confirm


async def sign_up_page(request: Request) -> Response:
    return html(pages.sign_up({}, {}))


async def sign_up(request: Request) -> Response:
    web, form = web_of(request), SignUpForm.from_form(await form_of(request))
    values = {"name": form.name, "phone": form.phone, "email": form.email}
    problems = check_sign_up(form)
    if problems:
        return html(pages.sign_up(values, problems), 400)
    pool = web.pool(MemoryStorage())
    try:
        await in_thread(lambda: pool.sign_up(form.email, form.password, form.attributes()))
    except errors.CognitoServiceError as exc:
        return html(pages.sign_up(values, {}, exc.message), 400)
    return redirect("/confirm", email=form.email)


async def confirm_page(request: Request) -> Response:
    web, email = web_of(request), request.query_params.get("email", "")
    code = await in_thread(lambda: web.local_code(email, "signup")) if email else None
    return html(pages.confirm(email, code, "We sent a confirmation code to your email address."))


async def confirm(request: Request) -> Response:
    web, form = web_of(request), await form_of(request)
    email, code = form.get("email", "").strip().lower(), form.get("code", "").strip()
    user = CognitoUser(email or "-", web.pool(MemoryStorage()))
    try:
        await in_thread(lambda: user.confirm_registration(code))
    except errors.CognitoServiceError as exc:
        dev = await in_thread(lambda: web.local_code(email, "signup"))
        return html(pages.confirm(email, dev, error=exc.message), 400)
    return redirect("/login", email=email, confirmed="1")


async def resend_code(request: Request) -> Response:
    web, email = web_of(request), (await form_of(request)).get("email", "").strip().lower()
    user = CognitoUser(email or "-", web.pool(MemoryStorage()))
    try:
        await in_thread(user.resend_confirmation_code)
    except errors.CognitoServiceError as exc:
        return html(pages.confirm(email, None, error=exc.message), 400)
    dev = await in_thread(lambda: web.local_code(email, "signup"))
    return html(pages.confirm(email, dev, f"We sent a new code to {email}."))


# Log in, with the MFA step


async def log_in_page(request: Request) -> Response:
    query = request.query_params
    message = ""
    if query.get("confirmed"):
        message = "Your email address is confirmed: you can log in now."
    elif query.get("signed_out"):
        message = "You are logged out."
    elif query.get("expired"):
        message = "Please log in again."
    return html(pages.log_in(query.get("email", ""), message))


async def log_in(request: Request) -> Response:
    web, form = web_of(request), await form_of(request)
    email, password = form.get("email", "").strip().lower(), form.get("password", "")
    if not email or not password:
        return html(pages.log_in(email, error="Enter your email address and password."), 400)
    storage = storage_for(request, web.config.cookies)
    user = CognitoUser(email, web.pool(storage))
    try:
        result = await in_thread(
            lambda: user.authenticate_user(AuthenticationDetails(email, password))
        )
    except errors.UserNotConfirmedException:
        return redirect("/confirm", email=email)
    except errors.CognitoServiceError as exc:
        return html(pages.log_in(email, error=exc.message), 400)
    return after_sign_in(web, storage, result, email)


def after_sign_in(web: Web, storage: CookieStorage, result: Any, email: str) -> Response:
    if isinstance(result, CognitoUserSession):
        return with_cookies(storage, redirect("/welcome"))
    if isinstance(result, CODE_CHALLENGES):
        # The challenge waits in a signed cookie, not in this process (see .pending).
        response = redirect("/mfa")
        response.set_cookie(
            PENDING_COOKIE,
            web.pending.dump(result.to_state(), email),
            max_age=web.pending.lifetime,
            httponly=True,
            samesite="lax",
            secure=web.config.cookies.secure,
        )
        return response
    error = f"This account needs a step this example does not handle ({result.challenge_name})."
    return html(pages.log_in(email, error=error), 400)


def resumed(web: Web, request: Request, storage: Any) -> tuple[Pending, Any] | None:
    """The sign-in in the pending cookie and its code challenge, bound to a new user on
    ``storage``; ``None`` if there is none, or it was forged, expired or is not a code."""
    pending = web.pending.load(request.cookies.get(PENDING_COOKIE))
    if pending is None:
        return None
    state = pending.state
    try:
        user = CognitoUser(str(state.get("username") or ""), web.pool(storage))
        challenge = user.resume_challenge(state)
    except ValueError:
        return None
    return (pending, challenge) if isinstance(challenge, CODE_CHALLENGES) else None


async def mfa_page(request: Request) -> Response:
    web = web_of(request)
    found = resumed(web, request, MemoryStorage())
    if found is None:
        return redirect("/login", expired="1")
    pending, challenge = found
    code = await in_thread(lambda: web.local_code(pending.email, "mfa"))
    return html(pages.mfa(challenge.destination or "your device", code))


async def mfa(request: Request) -> Response:
    web = web_of(request)
    storage = storage_for(request, web.config.cookies)  # the tokens go to this request's cookies
    found = resumed(web, request, storage)
    if found is None:
        return redirect("/login", expired="1")
    pending, challenge = found
    code = (await form_of(request)).get("code", "").strip()
    try:
        await in_thread(lambda: challenge.answer(code))
    except errors.CodeMismatchException as exc:
        # The same challenge may be answered again: the cookie stays.
        dev = await in_thread(lambda: web.local_code(pending.email, "mfa"))
        return html(pages.mfa(challenge.destination or "your device", dev, exc.message), 400)
    except errors.CognitoServiceError:
        response = redirect("/login", expired="1")
        response.delete_cookie(PENDING_COOKIE)
        return response
    response = with_cookies(storage, redirect("/welcome"))
    response.delete_cookie(PENDING_COOKIE)
    return response
