"""``cognito-identity demo``: the main story, end to end, on an embedded local server.

Starts the server on a free port with a throw-away database, then uses the SDK exactly as an
application would: sign up, read the emailed code from the outbox, confirm, sign in with SRP (the
password never crosses the wire), show the token claims and the attributes, refresh the session,
sign out. Exits 0 when every step worked.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx

USERNAME = "alice"
PASSWORD = "Corr3ct-Horse-Battery!"
ATTRIBUTES = {"email": "alice@example.com", "name": "Alice Liddell"}
SHOWN_CLAIMS = ("iss", "sub", "cognito:username", "token_use", "email", "email_verified", "aud")


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("demo", help="run sign-up to sign-out on an embedded server")
    parser.set_defaults(run=run)


def step(number: int, text: str) -> None:
    print(f"\n{number}. {text}")


def show(label: str, value: object) -> None:
    print(f"   {label:<22} {value}")


def outbox_code(endpoint: str, pool_id: str, username: str) -> dict[str, Any]:
    """The newest message the local server "sent" to the user."""
    response = httpx.get(
        endpoint.rstrip("/") + "/_local/messages",
        params={"pool_id": pool_id, "username": username},
    )
    response.raise_for_status()
    message: dict[str, Any] = response.json()["messages"][0]
    return message


def run_story(endpoint: str, pool_id: str, client_id: str) -> None:
    from .. import AuthenticationDetails, CognitoUserPool, CognitoUserSession

    with CognitoUserPool(pool_id, client_id, endpoint=endpoint) as pool:
        step(1, f"Sign up {USERNAME!r} with attributes {ATTRIBUTES}")
        result = pool.sign_up(USERNAME, PASSWORD, ATTRIBUTES)
        show("user confirmed", result.user_confirmed)
        show("user sub", result.user_sub)
        show("code sent to", result.code_delivery_details)

        step(2, "Read the confirmation code from the local outbox (GET /_local/messages)")
        message = outbox_code(endpoint, pool_id, USERNAME)
        show("message", message["message"])

        step(3, "Confirm the registration with that code")
        show("result", result.user.confirm_registration(message["code"]))

        step(4, "Sign in with SRP: only A, B and a signature cross the wire, never the password")
        user = result.user
        started = time.perf_counter()
        session = user.authenticate_user(AuthenticationDetails(USERNAME, PASSWORD))
        if not isinstance(session, CognitoUserSession):  # this pool asks for no MFA
            raise RuntimeError(f"unexpected challenge {session.challenge_name}")
        show("signed in in", f"{(time.perf_counter() - started) * 1000:.0f} ms")
        show("session valid", session.is_valid())

        step(5, "Claims of the ID token (signed RS256 by the pool's own key)")
        for claim in SHOWN_CLAIMS:
            show(claim, session.id_token.payload.get(claim))

        step(6, "Attributes from GetUser")
        for attribute in user.get_user_attributes():
            show(attribute.name, attribute.value)

        step(7, "Refresh the session with the refresh token")
        refreshed = user.refresh_session(session.refresh_token)
        show("new access token", refreshed.access_token.jwt_token[:32] + "...")
        show(
            "expires at",
            time.strftime("%H:%M:%S", time.gmtime(refreshed.access_token.get_expiration())),
        )

        step(8, "Sign out")
        user.sign_out()
        show("current user", pool.get_current_user())


def run(_args: argparse.Namespace) -> int:
    from ..server.bootstrap import ensure_default_pool
    from ..server.config import ServerConfig
    from ..server.embedded import EmbeddedServer

    with tempfile.TemporaryDirectory(prefix="cognito-identity-demo-") as tmp:
        config = ServerConfig(db_url=f"sqlite:///{Path(tmp) / 'demo.sqlite3'}", log_messages=False)
        with EmbeddedServer(config) as server:
            ids = ensure_default_pool(server.engine, config)
            print(f"Local user pool server at {server.endpoint}")
            show("user pool id", ids.user_pool_id)
            show("app client id", ids.client_id)
            run_story(server.endpoint, ids.user_pool_id, ids.client_id)
    print("\nDemo finished: every step worked.")
    return 0
