"""The server's own CPU time per login, in-process: no HTTP, no load generator, one thread.

``server_throughput.py`` answers "how many logins per second over HTTP", which on a shared
2-core machine moves by tens of percent from one window to the next. This script answers the
steadier question behind it: how much CPU the handlers spend on one login. It builds the
server app on a fresh SQLite file, signs up a user, then runs logins by calling the API
endpoint's ``execute`` (parse, validate, one transaction, the handler) directly, timing only
those calls with ``time.process_time()``; the client's SRP maths is done between them, untimed.

Flows: USER_SRP_AUTH (InitiateAuth + RespondToAuthChallenge), USER_PASSWORD_AUTH, and
REFRESH_TOKEN_AUTH; each with gmpy2 and with pure-Python exponentiation. Reported per flow: the
median over ``--rounds`` rounds of the mean server CPU per login, and the implied ceiling in
logins/s for one core (1000 / ms, before HTTP).
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import markdown_table, report
from loadgen import LoadSpec, SrpMaths, password_login, srp_login
from servers import FLOWS, USER_PASSWORD
from starlette.requests import Request

from cognito_identity.protocol import modexp
from cognito_identity.server.app import CognitoApi, create_app
from cognito_identity.server.config import ServerConfig


class InProcess:
    """The API endpoint of a fresh server, called directly; CPU time of those calls summed."""

    def __init__(self, db_path: Path) -> None:
        app = create_app(ServerConfig(db_url=f"sqlite:///{db_path}", log_messages=False))
        endpoint = next(route for route in app.routes if getattr(route, "path", "") == "/")
        self.api: CognitoApi = endpoint.endpoint.__self__  # type: ignore[attr-defined]
        scope = {
            "type": "http",
            "method": "POST",
            "path": "/",
            "headers": [(b"host", b"127.0.0.1:9229")],
            "server": ("127.0.0.1", 9229),
            "scheme": "http",
            "query_string": b"",
            "root_path": "",
        }
        self.request = Request(scope)
        self.cpu = 0.0

    def call(self, operation: str, body: dict[str, Any]) -> dict[str, Any]:
        raw = json.dumps(body).encode()
        started = time.process_time()
        answer: dict[str, Any] = self.api.execute(operation, raw, self.request)
        self.cpu += time.process_time() - started
        return answer


class Bench:
    """A pool, a client and one confirmed user on an in-process server."""

    def __init__(self, server: InProcess) -> None:
        self.server = server
        pool = server.call("CreateUserPool", {"PoolName": "bench"})["UserPool"]
        self.pool_id = pool["Id"]
        client = {"UserPoolId": self.pool_id, "ClientName": "bench", "ExplicitAuthFlows": FLOWS}
        self.client_id = server.call("CreateUserPoolClient", client)["UserPoolClient"]["ClientId"]
        sign_up = {"ClientId": self.client_id, "Username": "u", "Password": USER_PASSWORD}
        server.call("SignUp", sign_up)
        server.call("AdminConfirmSignUp", {"UserPoolId": self.pool_id, "Username": "u"})
        # The load generator's logins (bench/loadgen.py), sent to this in-process server.
        self.spec = LoadSpec("", self.pool_id, self.client_id, ("u",), "", 0.0, 0.0, 1, None)
        self.maths = SrpMaths()
        auth = {"USERNAME": "u", "PASSWORD": USER_PASSWORD}
        body = {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": self.client_id}
        answer = server.call("InitiateAuth", body | {"AuthParameters": auth})
        self.refresh_token = answer["AuthenticationResult"]["RefreshToken"]

    def srp_login(self) -> None:
        srp_login(self.server, self.spec, self.maths, "u")

    def password_login(self) -> None:
        password_login(self.server, self.spec, self.maths, "u")

    def refresh(self) -> dict[str, Any]:
        auth = {"REFRESH_TOKEN": self.refresh_token}
        body = {"AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": self.client_id}
        result = self.server.call("InitiateAuth", body | {"AuthParameters": auth})
        assert result["AuthenticationResult"]["AccessToken"]
        return dict(result["AuthenticationResult"])


def measure(login: Callable[[], object], server: InProcess, logins: int, rounds: int) -> float:
    """Median over rounds of the mean server CPU ms per login (after a warm-up round)."""
    for _ in range(max(10, logins // 5)):
        login()
    per_round = []
    for _ in range(rounds):
        server.cpu = 0.0
        for _ in range(logins):
            login()
        per_round.append(1000 * server.cpu / logins)
    return statistics.median(per_round)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--logins", type=int, default=200, help="logins per round")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per flow")
    parser.add_argument("--note", default="", help="conditions of the run, recorded as is")
    args = parser.parse_args()
    rows = []
    for backend in [name for name in ("gmpy2", "python") if name in modexp.BACKENDS]:
        previous = modexp.set_backend(backend)
        try:
            with tempfile.TemporaryDirectory(prefix="cognito-cost-") as tmp:
                server = InProcess(Path(tmp) / "pool.sqlite3")
                bench = Bench(server)
                flows = [
                    ("USER_SRP_AUTH (2 calls)", bench.srp_login),
                    ("USER_PASSWORD_AUTH", bench.password_login),
                    ("REFRESH_TOKEN_AUTH", bench.refresh),
                ]
                for label, login in flows:
                    ms = measure(login, server, args.logins, args.rounds)
                    rows.append([label, backend, ms, round(1000 / ms)])
                    print(f"{label:26} {backend:7} {ms:7.3f} ms", flush=True)
                server.api.engine.dispose()
        finally:
            modexp.set_backend(previous)
    table = markdown_table(["flow", "modexp", "server CPU ms/login", "ceiling logins/s"], rows)
    notes = (
        f"In-process, one thread, SQLite on a temp dir: {args.rounds} rounds of {args.logins} "
        "logins per row, median round shown. Only the server's calls are timed "
        "(time.process_time around CognitoApi.execute: JSON parsing, validation against the "
        "botocore model, the transaction and the handler); HTTP is not included."
    )
    if args.note:
        notes += f"\n\nConditions: {args.note}"
    report("server_cost", "Server CPU per login (in-process)", table, notes)


if __name__ == "__main__":
    main()
