"""The official amazon-cognito-identity-js bundle in headless Chromium shares its session with
the Python backend through cookies, both ways:

* a page loads ``dist/amazon-cognito-identity.min.js`` (served by the test's Starlette app, the
  same origin as the backend), signs in with ``new AmazonCognitoIdentity.CookieStorage({domain:
  '127.0.0.1', secure: false})`` against the local server; a backend route then reads the
  cookies with our :class:`CookieStorage` and recognises the user;
* the backend signs a user in with our CookieStorage; a page then finds that user with the JS
  library's ``getCurrentUser().getSession()``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from cognito_identity import AuthenticationDetails, CognitoUser, CognitoUserPool, CookieStorage
from cognito_identity.cookies.asgi import apply_to_response, storage_for
from cognito_identity.server.config import ServerConfig
from cognito_identity.server.embedded import EmbeddedServer
from tests.conftest import STRONG_PASSWORD, latest_code

from .conftest import JS_BUNDLE, ServedApp

pytestmark = pytest.mark.node
COOKIES = CookieStorage(domain="127.0.0.1", secure=False)
TIMEOUT_MS = 15_000

JS_SIGN_IN = """
const storage = () => new AmazonCognitoIdentity.CookieStorage({domain: '127.0.0.1', secure: false});
const pool = new AmazonCognitoIdentity.CognitoUserPool(
  {UserPoolId: IDS.pool, ClientId: IDS.client, endpoint: IDS.endpoint, Storage: storage()});
window.signIn = (username, password) => new Promise((resolve) => {
  const user = new AmazonCognitoIdentity.CognitoUser(
    {Username: username, Pool: pool, Storage: storage()});
  const details = new AmazonCognitoIdentity.AuthenticationDetails(
    {Username: username, Password: password});
  user.authenticateUser(details, {
    onSuccess: (session) => resolve({ok: true, sub: session.getIdToken().payload.sub}),
    onFailure: (error) => resolve({ok: false, error: String(error && error.message)}),
  });
});
window.whoIsSignedIn = () => new Promise((resolve) => {
  const user = pool.getCurrentUser();
  if (!user) return resolve(null);
  user.getSession((error, session) => resolve(error ? {error: error.message} :
    {username: user.getUsername(), email: session.getIdToken().payload.email,
     valid: session.isValid()}));
});
"""


@pytest.fixture(scope="module")
def local(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[EmbeddedServer, Any]]:
    database = Path(tmp_path_factory.mktemp("js-bundle")) / "pool.sqlite3"
    with EmbeddedServer(ServerConfig(db_url=f"sqlite:///{database}")) as server:
        yield server, server.default_pool()


def python_pool(local: tuple[EmbeddedServer, Any], storage: Any = None) -> CognitoUserPool:
    server, ids = local
    return CognitoUserPool(ids.user_pool_id, ids.client_id, server.endpoint, storage)


def registered(local: tuple[EmbeddedServer, Any], username: str) -> str:
    with python_pool(local) as pool:
        result = pool.sign_up(username, STRONG_PASSWORD, {"email": username})
        server, ids = local
        result.user.confirm_registration(latest_code(server.endpoint, ids.user_pool_id, username))
        return str(result.user_sub)


def backend(local: tuple[EmbeddedServer, Any]) -> Starlette:
    server, ids = local
    config = {"pool": ids.user_pool_id, "client": ids.client_id, "endpoint": server.endpoint}
    page = (
        "<!doctype html><title>js</title><script src='/bundle.js'></script>"
        f"<script>const IDS = {json.dumps(config)};{JS_SIGN_IN}</script>"
    )

    async def bundle(request: Request) -> Response:
        return FileResponse(JS_BUNDLE, media_type="text/javascript")

    async def js_page(request: Request) -> Response:
        return HTMLResponse(page)

    async def whoami(request: Request) -> Response:
        with python_pool(local, storage_for(request, COOKIES)) as pool:
            user = pool.get_current_user()
            if user is None:
                return JSONResponse(None)
            session = user.get_session()
            return JSONResponse({"username": user.username, "sub": session.id_token.payload["sub"]})

    async def python_sign_in(request: Request) -> Response:
        form = await request.json()
        storage = storage_for(request, COOKIES)
        with python_pool(local, storage) as pool:
            user = CognitoUser(str(form["username"]), pool)
            user.authenticate_user(AuthenticationDetails(user.username, str(form["password"])))
        response = JSONResponse({"ok": True})
        apply_to_response(storage, response)
        return response

    routes = [
        Route("/bundle.js", bundle),
        Route("/", js_page),
        Route("/whoami", whoami),
        Route("/python-sign-in", python_sign_in, methods=["POST"]),
    ]
    return Starlette(routes=routes)


@pytest.fixture(scope="module")
def site(local: tuple[EmbeddedServer, Any]) -> Iterator[str]:
    if not JS_BUNDLE.is_file():
        pytest.fail(f"{JS_BUNDLE} is missing: run `make js`")
    with ServedApp(backend(local)) as served:
        yield served.url


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.goto(site + "/")
    yield page
    context.close()


def test_js_session_in_cookies_is_recognised_by_python(page: Any, local: Any) -> None:
    sub = registered(local, "carol@example.com")
    outcome = page.evaluate(f"signIn('carol@example.com', {json.dumps(STRONG_PASSWORD)})")
    assert outcome == {"ok": True, "sub": sub}
    names = [cookie["name"] for cookie in page.context.cookies()]
    assert any(name.endswith("carol%40example.com.idToken") for name in names)
    answer = page.evaluate("fetch('/whoami').then((r) => r.json())")
    assert answer == {"username": "carol@example.com", "sub": sub}


def test_python_session_in_cookies_is_recognised_by_js(page: Any, local: Any) -> None:
    registered(local, "dave@example.com")
    assert page.evaluate("whoIsSignedIn()") is None
    body = json.dumps({"username": "dave@example.com", "password": STRONG_PASSWORD})
    script = f"fetch('/python-sign-in', {{method: 'POST', body: {json.dumps(body)}}})"
    script += ".then((r) => r.json())"
    assert page.evaluate(script) == {"ok": True}
    found = page.evaluate("whoIsSignedIn()")
    assert found == {"username": "dave@example.com", "email": "dave@example.com", "valid": True}
