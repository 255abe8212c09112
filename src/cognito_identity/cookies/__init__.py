"""Tokens in browser cookies: :class:`CookieStorage`, the JS library's ``CookieStorage`` on a
server, with adapters for ASGI (Starlette, FastAPI: :mod:`.asgi`) and WSGI (Flask: :mod:`.wsgi`).

Compatible with ``amazon-cognito-identity-js``
    Cookie names are the storage keys (``CognitoIdentityServiceProvider.<client id>.<user>.
    idToken``...), encoded as js-cookie 3 encodes them (:mod:`._codec`), with the JS
    library's defaults (``Path=/``, expiry in 365 days, ``Secure``, no ``SameSite``) and its
    validation errors. A session the JS library stored in the browser is read here, and one
    stored here is read by the JS library.

Differences from JS, on purpose
    ``clear()`` expires only the Cognito cookies (JS expires every cookie of the page); a
    value too big for one cookie is split (below); ``http_only=True`` is possible.

Cookie size
    Browsers keep a cookie up to 4096 bytes (name, value and attributes together; RFC 6265
    section 6.1) and may drop a larger one silently, which signs the user out for no visible
    reason (JS issue #14 in the reference). Typical tokens fit: from the local server the ID
    token is about 1.1 KB and the access token 1 KB; from AWS the refresh token is about
    1.8 KB. An ID token with many groups or custom attributes can go over. So:

    * A value whose ``Set-Cookie`` fits in ``max_cookie_size`` (4096) is written as one cookie,
      exactly as JS would write it.
    * A larger one is split into ``<key>.chunk0``, ``<key>.chunk1``... holding slices of the
      encoded value, plus ``<key>.chunks`` holding their number; the single cookie ``<key>``
      is expired. This side joins them back. The JS library cannot read a split value (it
      finds no ``<key>`` cookie and reports the user as signed out, which is what happens
      with JS alone, where the browser drops the cookie); everything else it still reads.
    * More than :data:`MAX_CHUNKS` (10) chunks raises :class:`CookieTooLargeError`: no server
      accepts a ``Cookie`` header that large.

    Servers also cap the whole ``Cookie`` request header: uvicorn (h11) takes about 16 KB of
    request headers, nginx 8 KB per header line by default (``large_client_header_buffers``).
    A signed-in user usually sends 3.5 to 5 KB of Cognito cookies.

Example (Starlette)::

    from cognito_identity.cookies import CookieStorage
    from cognito_identity.cookies.asgi import apply_to_response, storage_for

    COOKIES = CookieStorage(domain="example.com", same_site="lax")

    async def welcome(request):
        storage = storage_for(request, COOKIES)
        pool = CognitoUserPool(POOL_ID, CLIENT_ID, storage=storage)
        user = pool.get_current_user()
        ...
        response = HTMLResponse(page)
        apply_to_response(storage, response)   # refreshed tokens, sign-out...
        return response
"""

from ._codec import decode_name, decode_value, encode_name, encode_value, parse_cookie_header
from ._storage import MAX_CHUNKS, MAX_COOKIE_SIZE, CookieStorage, CookieTooLargeError

__all__ = [
    "MAX_CHUNKS",
    "MAX_COOKIE_SIZE",
    "CookieStorage",
    "CookieTooLargeError",
    "decode_name",
    "decode_value",
    "encode_name",
    "encode_value",
    "parse_cookie_header",
]
