"""Use case 26: keeping the tokens in cookies (``CookieStorage``).

JS: ``new CookieStorage({domain: '.yourdomain.com'})`` passed as ``Storage`` to the pool and to
each ``CognitoUser``. In Python the pool's storage is also its users' (no need to pass it
twice), and on a web server a ``CookieStorage`` is bound to each request's ``Cookie`` header
and gives back ``Set-Cookie`` headers for the response (``cookies.asgi`` / ``cookies.wsgi``
do it for Starlette, FastAPI and Flask). The options are JS's: ``path``, ``expires`` (days),
``secure``, ``same_site``; ``http_only`` is new.
"""

from __future__ import annotations

from _setup import confirmed_user, env

from cognito_identity import AuthenticationDetails, CognitoUser, CookieStorage

COOKIES = CookieStorage(domain=".yourdomain.com", secure=True, same_site="lax")


def main() -> list[str]:
    """Sign in in one "request", find the user in the next; returns the cookie names."""
    setup = env()
    username, password = confirmed_user(setup)

    storage = COOKIES.with_cookies(None)  # request 1: no cookies yet
    user = CognitoUser(username, setup.pool(storage))
    user.authenticate_user(AuthenticationDetails(username, password))
    headers = storage.set_cookie_headers()  # -> the response's Set-Cookie headers
    names = [header.split("=", 1)[0] for header in headers]
    print("Set-Cookie:", *names, sep="\n  ")

    cookie_header = "; ".join(header.split(";", 1)[0] for header in headers)  # the browser
    current = setup.pool(COOKIES.with_cookies(cookie_header)).get_current_user()  # request 2
    assert current is not None
    print("request 2 is signed in as", current.get_username(), current.get_session().is_valid())
    return names


if __name__ == "__main__":
    main()
