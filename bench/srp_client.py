"""Client SRP login maths, side by side: our SDK (gmpy2 and pure Python), pycognito, the JS SDK.

One login is two timed steps, on the same inputs for every implementation:

1. **A**: draw the private value ``a`` and compute ``A = g^a mod N`` (before InitiateAuth);
2. **challenge step**: from the PASSWORD_VERIFIER challenge (SALT, SRP_B, SECRET_BLOCK) derive
   the key and sign the claim with a fresh TIMESTAMP (RespondToAuthChallenge's answer).

Our SDK is timed through its real sign-in flow (``srp_login``), which computes A before it
yields InitiateAuth; pycognito through ``AWSSRP(...)`` and ``process_challenge``; the official
``amazon-cognito-identity-js`` under node through ``AuthenticationHelper`` exactly as
``CognitoUser.authenticateUserDefaultAuth`` uses it (``bench/srp_client.js``). No network: the
challenge is made locally by our server maths, and one answer of each implementation is
checked against it, so every row computes a valid login.

The Python rows run interleaved (one login of each per round) so load changes hit all alike.

    .venv/bin/python bench/srp_client.py [--runs 200] [--note "taken under load"]
"""

from __future__ import annotations

import argparse
import base64
import json
import secrets
import shutil
import subprocess
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from common import JS_DIR, markdown_table, median_ms, percentile_ms, report

from cognito_identity._flows.auth import AuthContext, srp_login
from cognito_identity.protocol import modexp
from cognito_identity.protocol.srp import (
    PRIVATE_VALUE_BYTES,
    compute_verifier,
    server_public_b,
    server_session_key,
    verify_password_claim,
)

POOL_ID = "us-east-1_BenchPool1"
POOL_NAME = POOL_ID.split("_", 1)[1]
CLIENT_ID = "benchclient0123456789abcd"
USERNAME = "bench-user"
PASSWORD = "Corr3ct-Horse-Battery!"
PYCOGNITO = "pycognito AWSSRP"
JS_SDK = "amazon-cognito-identity-js (node)"


@dataclass(frozen=True)
class Challenge:
    """A PASSWORD_VERIFIER challenge made by the server maths, with the server's secrets."""

    salt_hex: str
    verifier: int
    small_b: int
    big_b: int
    secret_block: str

    @classmethod
    def make(cls) -> Challenge:
        salt_hex = secrets.token_hex(16)
        verifier = compute_verifier(int(salt_hex, 16), POOL_NAME, USERNAME, PASSWORD)
        small_b = int.from_bytes(secrets.token_bytes(PRIVATE_VALUE_BYTES), "big")
        big_b = server_public_b(verifier, small_b)
        secret_block = base64.b64encode(secrets.token_bytes(64)).decode()
        return cls(salt_hex, verifier, small_b, big_b, secret_block)

    def parameters(self) -> dict[str, str]:
        """ChallengeParameters as the server sends them."""
        return {
            "SALT": self.salt_hex,
            "SECRET_BLOCK": self.secret_block,
            "SRP_B": format(self.big_b, "x"),
            "USERNAME": USERNAME,
            "USER_ID_FOR_SRP": USERNAME,
        }

    def accepts(self, srp_a_hex: str, timestamp: str, signature: str) -> bool:
        """Would the server accept this answer? (Its own maths, as in srp_login.answer.)"""
        key = server_session_key(int(srp_a_hex, 16), self.big_b, self.small_b, self.verifier)
        return verify_password_claim(
            key, POOL_NAME, USERNAME, self.secret_block, timestamp, signature
        )


@dataclass
class Samples:
    """Durations (seconds) of the A step and the challenge step, and one answer to check."""

    a: list[float] = field(default_factory=list)
    step: list[float] = field(default_factory=list)
    answer: tuple[str, str, str] | None = None

    def add(self, a: float, step: float, answer: tuple[str, str, str]) -> None:
        self.a.append(a)
        self.step.append(step)
        self.answer = answer

    def logins(self) -> list[float]:
        return [a + step for a, step in zip(self.a, self.step, strict=True)]


LoginFn = Callable[[Challenge], tuple[float, float, tuple[str, str, str]]]


def ours(backend: str) -> LoginFn:
    """One login through our SDK's sign-in flow with the given modexp backend."""
    ctx = AuthContext(client_id=CLIENT_ID, pool_name=POOL_NAME)

    def login(challenge: Challenge) -> tuple[float, float, tuple[str, str, str]]:
        modexp.set_backend(backend)
        answer: dict[str, Any] = {
            "ChallengeName": "PASSWORD_VERIFIER",
            "Session": challenge.secret_block,
            "ChallengeParameters": challenge.parameters(),
        }
        t0 = time.perf_counter()
        flow = srp_login(ctx, USERNAME, PASSWORD)
        initiate = next(flow)
        t1 = time.perf_counter()
        respond = flow.send(answer)
        t2 = time.perf_counter()
        flow.close()
        responses = respond.payload["ChallengeResponses"]
        srp_a = initiate.payload["AuthParameters"]["SRP_A"]
        return t1 - t0, t2 - t1, _answer(srp_a, responses)

    return login


class _NoBoto3:
    """Stands in for the boto3 client AWSSRP wants: the maths never calls it."""


def pycognito_login(challenge: Challenge) -> tuple[float, float, tuple[str, str, str]]:
    """One login through pycognito's AWSSRP (pure Python ``pow``)."""
    from pycognito.aws_srp import AWSSRP

    t0 = time.perf_counter()
    srp = AWSSRP(USERNAME, PASSWORD, POOL_ID, CLIENT_ID, client=_NoBoto3())
    params = srp.get_auth_params()
    t1 = time.perf_counter()
    responses = srp.process_challenge(challenge.parameters(), params)
    t2 = time.perf_counter()
    return t1 - t0, t2 - t1, _answer(params["SRP_A"], responses)


def _answer(srp_a: str, responses: dict[str, Any]) -> tuple[str, str, str]:
    return srp_a, responses["TIMESTAMP"], responses["PASSWORD_CLAIM_SIGNATURE"]


def python_rows() -> dict[str, LoginFn]:
    """The in-process implementations, by row name."""
    rows: dict[str, LoginFn] = {}
    if "gmpy2" in modexp.BACKENDS:
        rows["cognito-identity, gmpy2"] = ours("gmpy2")
    rows["cognito-identity, pure Python"] = ours("python")
    rows[PYCOGNITO] = pycognito_login
    return rows


def run_python(challenge: Challenge, runs: int) -> dict[str, Samples]:
    """``runs`` rounds; each round does one login with every implementation, order rotated."""
    rows = python_rows()
    results = {name: Samples() for name in rows}
    names = list(rows)
    for _ in range(3):  # warm-up: imports, caches
        for name in names:
            rows[name](challenge)
    for round_no in range(runs):
        shift = round_no % len(names)
        for name in names[shift:] + names[:shift]:
            results[name].add(*rows[name](challenge))
    modexp.set_backend("gmpy2" if "gmpy2" in modexp.BACKENDS else "python")
    return results


def run_js(challenge: Challenge, runs: int) -> Samples | None:
    """The official JS SDK under node, or None when node or the npm packages are missing."""
    node = shutil.which("node")
    if node is None or not (JS_DIR / "node_modules" / "amazon-cognito-identity-js").exists():
        print("node or tests/interop/js/node_modules missing: skipping the JS SDK (make js)")
        return None
    request = {
        "jsDir": str(JS_DIR),
        "runs": runs,
        "poolName": POOL_NAME,
        "username": USERNAME,
        "password": PASSWORD,
        "salt": challenge.salt_hex,
        "B": format(challenge.big_b, "x"),
        "secretBlock": challenge.secret_block,
    }
    script = str(Path(__file__).with_name("srp_client.js"))
    done = subprocess.run(
        [node, script], input=json.dumps(request), capture_output=True, text=True, check=True
    )
    output = json.loads(done.stdout)
    samples = Samples(
        a=[ms / 1000 for ms in output["a_ms"]], step=[ms / 1000 for ms in output["step_ms"]]
    )
    sample = output["sample"]
    samples.answer = (sample["A"], sample["timestamp"], sample["signature"])
    return samples


def check_answers(challenge: Challenge, results: dict[str, Samples]) -> None:
    """Fail loudly if an implementation's answer would not log in (a wrong benchmark)."""
    for name, samples in results.items():
        if samples.answer is None or not challenge.accepts(*samples.answer):
            raise SystemExit(f"{name}: its PASSWORD_CLAIM_SIGNATURE does not verify")


def table(results: dict[str, Samples]) -> str:
    """Medians per step and per login, p90, and the speed-up over pycognito."""
    baseline = median_ms(results[PYCOGNITO].logins()) if PYCOGNITO in results else None
    rows = []
    for name, samples in results.items():
        login = median_ms(samples.logins())
        speedup = f"{baseline / login:.1f}x" if baseline else "n/a"
        rows.append(
            [
                name,
                median_ms(samples.a),
                median_ms(samples.step),
                login,
                percentile_ms(samples.logins(), 0.9),
                len(samples.a),
                speedup,
            ]
        )
    headers = ["implementation", "A ms", "challenge step ms", "login ms", "login p90 ms"]
    return markdown_table([*headers, "runs", "vs pycognito"], rows)


def verdicts(results: dict[str, Samples]) -> str:
    """The issue's targets, met or missed, from the medians."""
    medians = {name: median_ms(samples.logins()) for name, samples in results.items()}
    py_ms = medians.get(PYCOGNITO)
    fast = medians.get("cognito-identity, gmpy2")
    pure = medians["cognito-identity, pure Python"]
    lines = []
    if fast is not None and py_ms is not None:
        lines.append(_verdict(f"gmpy2 login {fast:.2f} ms <= 8 ms", fast <= 8.0))
        lines.append(
            _verdict(f"gmpy2 {py_ms / fast:.1f}x faster than pycognito >= 5x", py_ms >= 5 * fast)
        )
    if py_ms is not None:
        lines.append(
            _verdict(f"pure Python {pure:.2f} ms <= pycognito {py_ms:.2f} ms", pure <= py_ms)
        )
    return "\n".join(lines)


def _verdict(text: str, met: bool) -> str:
    return f"- Target {text}: {'met' if met else 'MISSED'}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=200, help="logins per implementation")
    parser.add_argument("--note", default="", help="conditions of the run, recorded as is")
    args = parser.parse_args()
    warnings.simplefilter("ignore", DeprecationWarning)  # pycognito's datetime.utcnow()
    challenge = Challenge.make()
    results = run_python(challenge, args.runs)
    js = run_js(challenge, args.runs)
    if js is not None:
        results[JS_SDK] = js
    check_answers(challenge, results)
    notes = (
        "Medians over the runs; one login = A + challenge step, no network. Every row's answer "
        "was verified by the server maths.\n\n" + verdicts(results)
    )
    if args.note:
        notes += f"\n\nConditions: {args.note}"
    report("srp_client", "Client SRP login maths", table(results), notes)


if __name__ == "__main__":
    main()
