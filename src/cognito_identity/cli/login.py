"""``cognito-identity login``: sign in interactively and keep the session in a token file.

Asks for the user name and password (the password with ``getpass``: never echoed, logged or
stored), then for whatever the pool asks next: an MFA code (SMS, email, authenticator app), a
choice of MFA method, authenticator set-up (secret, ``otpauth://`` URI and a QR code in the
terminal), a new password and the attributes the pool requires, or custom challenge answers.
The tokens go to a :class:`~cognito_identity.FileStorage` in the JS key layout.

The pool comes from ``--endpoint/--user-pool-id/--client-id``, else from ``--from FILE`` (the
JSON line ``cognito-identity serve`` prints, e.g. ``cognito-identity serve | tee serve.json``),
else from ``$COGNITO_ENDPOINT``, ``$COGNITO_USER_POOL_ID`` and ``$COGNITO_CLIENT_ID``.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from .. import challenges as ch
from ..auth_details import AuthenticationDetails
from ..errors import CognitoError
from ..pool import CognitoUserPool
from ..storage import FileStorage
from ..tokens import CognitoUserSession
from ..user import AUTH_FLOW_TYPES, CognitoUser
from . import _qr

ENV = {"endpoint": "COGNITO_ENDPOINT", "user_pool_id": "COGNITO_USER_POOL_ID"}
ENV["client_id"] = "COGNITO_CLIENT_ID"
#: Errors after which the same challenge may simply be answered again.
RETRYABLE = frozenset(
    {"CodeMismatchException", "EnableSoftwareTokenMFAException", "InvalidPasswordException"}
)


def default_storage() -> Path:
    """``$XDG_CONFIG_HOME/cognito-identity/tokens.json`` (``~/.config`` by default)."""
    base = os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / "cognito-identity" / "tokens.json"


def add_parser(subparsers: Any) -> None:
    parser = subparsers.add_parser("login", help="sign in interactively and store the session")
    parser.add_argument("--endpoint", help=f"the pool's URL (default: ${ENV['endpoint']})")
    parser.add_argument("--user-pool-id", help=f"default: ${ENV['user_pool_id']}")
    parser.add_argument("--client-id", help=f"default: ${ENV['client_id']}")
    parser.add_argument(
        "--from", dest="from_file", metavar="FILE", help="JSON line of `cognito-identity serve`"
    )
    parser.add_argument("--username", help="the user name (asked for when left out)")
    parser.add_argument("--flow", choices=AUTH_FLOW_TYPES, default="USER_SRP_AUTH")
    parser.add_argument(
        "--storage", type=Path, default=default_storage(), help="token file (default: %(default)s)"
    )
    parser.add_argument("--issuer", default="cognito-identity", help="name shown by TOTP apps")
    parser.set_defaults(run=run)


def pool_settings(args: argparse.Namespace) -> dict[str, str | None]:
    """Endpoint, pool id and client id: flags, then ``--from``, then the environment."""
    found: dict[str, Any] = {}
    if args.from_file:
        text = sys.stdin.read() if args.from_file == "-" else Path(args.from_file).read_text()
        found = json.loads(text.strip().splitlines()[0])
    return {
        key: getattr(args, key) or found.get(key) or os.environ.get(variable)
        for key, variable in ENV.items()
    }


def run(args: argparse.Namespace) -> int:
    settings = pool_settings(args)
    if not settings["user_pool_id"] or not settings["client_id"]:
        print(
            "login: give --user-pool-id and --client-id (or --from, or $COGNITO_*)", file=sys.stderr
        )
        return 2
    storage = FileStorage(args.storage)
    ids = (str(settings["user_pool_id"]), str(settings["client_id"]))
    with CognitoUserPool(*ids, settings["endpoint"], storage) as pool:
        try:
            session, user = sign_in(pool, args)
        except (CognitoError, ValueError) as error:
            print(f"login failed: {error}", file=sys.stderr)
            return 1
    report(user, session, args.storage)
    return 0


def sign_in(
    pool: CognitoUserPool, args: argparse.Namespace
) -> tuple[CognitoUserSession, CognitoUser]:
    """Ask for the credentials, then answer challenges until a session comes back."""
    username = args.username or ask("Username: ")
    user = CognitoUser(username, pool)
    user.set_authentication_flow_type(args.flow)
    password = getpass.getpass("Password: ")
    if args.flow == "CUSTOM_AUTH" and not password:
        result = user.initiate_auth(AuthenticationDetails(username))  # no SRP step
    else:
        result = user.authenticate_user(AuthenticationDetails(username, password))
    while not isinstance(result, CognitoUserSession):
        result = answer_until_accepted(result, args)
    return result, user


def answer_until_accepted(challenge: ch.Challenge, args: argparse.Namespace) -> ch.AuthResult:
    """Answer ``challenge``; ask again after a wrong code (the pool keeps the step open)."""
    while True:
        try:
            return answer(challenge, args)
        except CognitoError as error:
            if error.code not in RETRYABLE:
                raise
            print(f"{(error.message or error.code).rstrip('.')}. Try again.")


def answer(challenge: ch.Challenge, args: argparse.Namespace) -> ch.AuthResult:
    """Prompt for what ``challenge`` needs and send it; returns the next result."""
    if isinstance(challenge, (ch.SmsMfaChallenge, ch.EmailOtpChallenge)):
        return challenge.answer(ask(f"Code sent to {challenge.destination}: "))
    if isinstance(challenge, ch.TotpChallenge):
        return challenge.answer(ask("Code from your authenticator app: "))
    if isinstance(challenge, ch.SelectMfaTypeChallenge):
        return challenge.select(choose(challenge.options))
    if isinstance(challenge, ch.MfaSetupChallenge):
        return set_up_totp(challenge, args.issuer)
    if isinstance(challenge, ch.NewPasswordChallenge):
        return new_password(challenge)
    print(f"Challenge: {json.dumps(dict(challenge.parameters))}")
    return challenge.answer(ask("Answer: "))


def set_up_totp(challenge: ch.MfaSetupChallenge, issuer: str) -> ch.AuthResult:
    """Show a new secret (text, URI, QR code) and verify a first code from the app."""
    association = challenge.associate(issuer)
    print("Set up your authenticator app: scan the QR code, or enter the secret key.")
    print(_qr.render(_qr.encode(association.uri)))
    print(f"Secret key: {association.secret_code}")
    print(f"URI: {association.uri}")
    code = ask("Code from your authenticator app: ")
    return challenge.verify(code, "cognito-identity CLI")


def new_password(challenge: ch.NewPasswordChallenge) -> ch.AuthResult:
    """Ask for a new password (twice, not echoed) and the attributes the pool requires."""
    print("You must choose a new password.")
    while True:
        password = getpass.getpass("New password: ")
        if password and password == getpass.getpass("New password again: "):
            break
        print("The passwords differ or are empty. Try again.")
    attributes = {name: ask(f"{name}: ") for name in challenge.required_attributes}
    return challenge.complete(password, attributes)


def choose(options: tuple[str, ...]) -> str:
    """Let the user pick one MFA method by number or by name."""
    for number, option in enumerate(options, 1):
        print(f"  {number}. {option}")
    while True:
        picked = ask("MFA method: ")
        if picked.isdigit() and 1 <= int(picked) <= len(options):
            return options[int(picked) - 1]
        if picked in options:
            return picked


def ask(prompt: str) -> str:
    """One line from the user (EOF ends the command like Ctrl-C)."""
    try:
        return input(prompt).strip()
    except EOFError:
        raise KeyboardInterrupt from None


def report(user: CognitoUser, session: CognitoUserSession, storage: Path) -> None:
    claims = session.id_token.payload
    name = claims.get("cognito:username") or user.username
    print(f"Signed in as {name}" + (f" ({claims['email']})" if claims.get("email") else ""))
    print(f"Tokens expire at {_when(session.id_token.get_expiration())}")
    print(f"Session stored in {storage}")


def _when(epoch: int | None) -> str:
    if epoch is None:
        return "an unknown time"
    minutes = round((epoch - time.time()) / 60)
    stamp = time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(epoch))
    return f"{stamp} (in {minutes} min)"
