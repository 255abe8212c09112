"""A server-rendered sign-up / log-in app on the SDK and :class:`CookieStorage`.

The Python way of the classic React tutorial (sign up, confirm, log in, welcome, log out), with
an email-code MFA step and attribute updates. Tokens live in the browser's cookies with the
JS library's names and encoding; a sign-in waiting for its MFA code is in a signed cookie too
(the challenge's ``to_state()``, see :mod:`.pending`), so the server keeps nothing per user and
any worker process with the same ``secret_key`` can answer it.

Run ``python -m examples.webapp`` (or ``make webapp``): it starts a local user pool server and
the app, and prints the app's URL.
"""

from .app import AppConfig, create_app

__all__ = ["AppConfig", "create_app"]
