"""The load generator: worker processes on their own core, each with threads doing logins.

Each thread has one keep-alive connection (:class:`WireClient`) and signs in, over and over,
as the users it owns, until the run ends. A login is timed from the first request out to the
last answer in.

* ``srp``: USER_SRP_AUTH with real client maths from :mod:`cognito_identity.protocol.srp`
  (InitiateAuth, then RespondToAuthChallenge PASSWORD_VERIFIER); success means three tokens.
* ``password``: USER_PASSWORD_AUTH, one request, three tokens.

So that the client's core is not the bottleneck, the parts of the SRP maths that do not depend
on the server's answer are done before the run: each worker draws a pool of private values
``a`` and their ``A`` up front and cycles through them, and ``x``/``g^x`` are cached per user
and salt. What is left per login is the one exponentiation that needs the server's ``B``.
"""

from __future__ import annotations

import http.client
import json
import multiprocessing
import os
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import cycle
from typing import Any, Protocol
from urllib.parse import urlsplit

from servers import AMZ_JSON, TARGET_PREFIX, USER_PASSWORD, WireError

from cognito_identity.protocol.modexp import powmod
from cognito_identity.protocol.srp import (
    PRIVATE_VALUE_BYTES,
    G,
    K,
    N,
    SrpClient,
    calculate_u,
    compute_x,
    password_claim_signature,
    session_key,
)
from cognito_identity.protocol.timestamp import format_timestamp

A_POOL_SIZE = 64


class Caller(Protocol):
    """What a login sends its calls through: :class:`WireClient`, or an in-process server
    (bench/server_cost.py)."""

    def call(self, operation: str, body: dict[str, Any]) -> dict[str, Any]: ...


class WireClient:
    """One keep-alive HTTP/1.1 connection speaking Cognito's JSON wire.

    Plain ``http.client``: a fraction of httpx's CPU per request, so that the load
    generator's core is not what limits a run. The public sign-in operations the load sends
    carry no SigV4, as from a browser or the JS SDK. A broken connection is reopened on the
    next call.
    """

    def __init__(self, endpoint: str, timeout: float = 30.0) -> None:
        url = urlsplit(endpoint)
        self._conn = http.client.HTTPConnection(url.hostname or "", url.port, timeout=timeout)

    def call(self, operation: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST one operation; the answer, or WireError."""
        headers = {"X-Amz-Target": TARGET_PREFIX + operation, "Content-Type": AMZ_JSON}
        try:
            self._conn.request("POST", "/", json.dumps(body).encode(), headers)
            response = self._conn.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self._conn.close()
            raise
        answer: dict[str, Any] = json.loads(data) if data else {}
        if response.status != 200:
            raise WireError(response.status, answer)
        return answer

    def close(self) -> None:
        self._conn.close()


@dataclass(frozen=True)
class LoadSpec:
    """One worker's share of a run. Times are ``time.time()`` seconds."""

    endpoint: str
    pool_id: str
    client_id: str
    usernames: tuple[str, ...]
    flow: str
    start_at: float
    end_at: float
    threads: int
    cpu: int | None

    @property
    def pool_name(self) -> str:
        return self.pool_id.split("_", 1)[1]


@dataclass
class LoadResult:
    """Completed logins (end time, latency in seconds) and failures by error code."""

    ends: list[float] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)

    def merge(self, other: LoadResult) -> None:
        self.ends += other.ends
        self.latencies += other.latencies
        self.errors.update(other.errors)


class SrpMaths:
    """Client SRP values for one worker: precomputed ``A`` pool and a ``g^x`` cache."""

    def __init__(self, size: int = A_POOL_SIZE) -> None:
        clients = [
            SrpClient.from_random_bytes(os.urandom(PRIVATE_VALUE_BYTES)) for _ in range(size)
        ]
        self._clients = cycle(clients)
        self._lock = threading.Lock()
        self._gx: dict[tuple[str, str, str], tuple[int, int]] = {}

    def next_client(self) -> SrpClient:
        with self._lock:
            return next(self._clients)

    def key(self, srp: SrpClient, pool_name: str, params: dict[str, str], user_id: str) -> bytes:
        """The session key for this challenge (one live modexp when g^x is cached)."""
        big_b, salt_hex = int(params["SRP_B"], 16), params["SALT"]
        u = calculate_u(srp.large_a, big_b)
        cache_key = (pool_name, user_id, salt_hex)
        if cache_key not in self._gx:
            x = compute_x(int(salt_hex, 16), pool_name, user_id, USER_PASSWORD)
            self._gx[cache_key] = (x, powmod(G, x, N))
        x, g_x = self._gx[cache_key]
        return session_key(powmod(big_b - K * g_x, srp.small_a + u * x, N), u)


def _require_tokens(answer: dict[str, Any]) -> None:
    result = answer.get("AuthenticationResult") or {}
    if not all(result.get(name) for name in ("AccessToken", "IdToken", "RefreshToken")):
        raise WireError(200, {"__type": "NoTokens", "message": str(answer)[:200]})


def srp_login(client: Caller, spec: LoadSpec, maths: SrpMaths, username: str) -> None:
    """One full USER_SRP_AUTH login: two requests, three tokens."""
    srp = maths.next_client()
    first = client.call(
        "InitiateAuth",
        {
            "AuthFlow": "USER_SRP_AUTH",
            "ClientId": spec.client_id,
            "AuthParameters": {"USERNAME": username, "SRP_A": srp.srp_a},
        },
    )
    params = first["ChallengeParameters"]
    user_id = params.get("USER_ID_FOR_SRP", username)
    key = maths.key(srp, spec.pool_name, params, user_id)
    timestamp = format_timestamp(time.time())
    block = params["SECRET_BLOCK"]
    responses = {
        # The internal username, as pycognito sends it (moto's USER_ID_FOR_SRP is the sub).
        "USERNAME": params.get("USERNAME", user_id),
        "PASSWORD_CLAIM_SECRET_BLOCK": block,
        "TIMESTAMP": timestamp,
        "PASSWORD_CLAIM_SIGNATURE": password_claim_signature(
            key, spec.pool_name, user_id, block, timestamp
        ),
    }
    body = {"ChallengeName": "PASSWORD_VERIFIER", "ClientId": spec.client_id}
    body |= {"ChallengeResponses": responses, "Session": first.get("Session")}
    _require_tokens(client.call("RespondToAuthChallenge", body))


def password_login(client: Caller, spec: LoadSpec, _maths: SrpMaths, username: str) -> None:
    """One USER_PASSWORD_AUTH login: one request, three tokens."""
    parameters = {"USERNAME": username, "PASSWORD": USER_PASSWORD}
    body = {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": spec.client_id}
    _require_tokens(client.call("InitiateAuth", body | {"AuthParameters": parameters}))


LOGINS = {"srp": srp_login, "password": password_login}


def _thread_loop(spec: LoadSpec, maths: SrpMaths, users: tuple[str, ...], out: LoadResult) -> None:
    login = LOGINS[spec.flow]
    client = WireClient(spec.endpoint)
    try:
        _sleep_until(spec.start_at)
        for username in cycle(users):
            started = time.time()
            if started >= spec.end_at:
                return
            try:
                login(client, spec, maths, username)
            except WireError as error:
                out.errors[f"{error.status} {error.code}"] += 1
            except (http.client.HTTPException, OSError) as error:
                out.errors[type(error).__name__] += 1
            else:
                ended = time.time()
                out.ends.append(ended)
                out.latencies.append(ended - started)
    finally:
        client.close()


def _sleep_until(moment: float) -> None:
    delay = moment - time.time()
    if delay > 0:
        time.sleep(delay)


def run_worker(spec: LoadSpec, queue: Any) -> None:
    """Worker process body: pin, precompute, run the threads, send back one LoadResult."""
    if spec.cpu is not None:
        os.sched_setaffinity(0, {spec.cpu})
    maths = SrpMaths() if spec.flow == "srp" else SrpMaths(0)
    shares = [LoadResult() for _ in range(spec.threads)]
    threads = [
        threading.Thread(
            target=_thread_loop, args=(spec, maths, spec.usernames[i :: spec.threads], shares[i])
        )
        for i in range(spec.threads)
    ]
    for thread in threads:
        thread.start()
    total = LoadResult()
    for thread, share in zip(threads, shares, strict=True):
        thread.join()
        total.merge(share)
    queue.put(total)


def start_workers(specs: list[LoadSpec]) -> tuple[list[Any], Any]:
    """Fork one process per spec; returns the processes and the queue they answer on."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    processes = [context.Process(target=run_worker, args=(spec, queue)) for spec in specs]
    for process in processes:
        process.start()
    return processes, queue


def collect(processes: list[Any], queue: Any) -> LoadResult:
    """Wait for every worker's LoadResult (read before join, or a full pipe deadlocks)."""
    total = LoadResult()
    for _ in processes:
        total.merge(queue.get(timeout=120))
    for process in processes:
        process.join()
    return total
