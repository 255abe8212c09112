"""A server-rendered sign-up / log-in app on the SDK and :class:`CookieStorage`.

The Python way of the classic React tutorial (sign up, confirm, log in, welcome, log out), with
an email-code MFA step and attribute updates. Tokens live in the browser's cookies with the
JS library's names and encoding; the server keeps nothing per user except MFA sign-ins waiting
for their code (see :mod:`.pending`).

Run ``python -m examples.webapp`` (or ``make webapp``): it starts a local user pool server and
the app, and prints the app's URL.
"""

from .app import AppConfig, create_app

__all__ = ["AppConfig", "create_app"]
