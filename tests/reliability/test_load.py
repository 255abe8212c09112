"""Load: 8 clients sign up, confirm, sign in with SRP, refresh and read themselves, for a while.

Afterwards no answer was a 5xx (or any unexpected error), and every sign-up the server
acknowledged is there exactly once, confirmed when the confirmation was acknowledged, with the
sub it was given, both through AdminGetUser and in the SQLite file itself. Along the way the
clients also try to sign up names other clients already hold: those must fail cleanly.
"""

from __future__ import annotations

import random
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import httpx
import sqlalchemy as sa

from ..conftest import PoolIds
from .wire import Answer, latest_code, post, refresh, sign_up, srp_login

CLIENTS = 8
LOAD_SECONDS = 8.0


@dataclass
class Ledger:
    """What the server acknowledged, and everything that went wrong, shared by the clients."""

    signed_up: dict[str, str] = field(default_factory=dict)  # username -> sub
    confirmed: set[str] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)
    answers: Counter[int] = field(default_factory=Counter)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def note(self, operation: str, answer: Answer, expected: str | None = None) -> bool:
        """Count the answer; record it as a problem unless it is 200 or the expected error."""
        with self.lock:
            self.answers[answer.status] += 1
            fine = answer.ok if expected is None else answer.error_code == expected
            if not fine:
                self.problems.append(f"{operation}: {answer.status} {answer.body}")
            return fine

    def someone_else(self, mine: str, rng: random.Random) -> str | None:
        with self.lock:
            others = [name for name in self.signed_up if not name.startswith(mine)]
        return rng.choice(others) if others else None


def one_user(client: httpx.Client, pool: PoolIds, ledger: Ledger, name: str) -> None:
    """The whole story of one user; stops at the first step that fails."""
    password = f"Load-{name}-Passw0rd!"
    answer = sign_up(client, pool.client_id, name, password)
    if not ledger.note("SignUp", answer):
        return
    with ledger.lock:
        ledger.signed_up[name] = answer.body["UserSub"]
    code = latest_code(client, pool.user_pool_id, name)
    body = {"ClientId": pool.client_id, "Username": name, "ConfirmationCode": code}
    if not ledger.note("ConfirmSignUp", post(client, "ConfirmSignUp", body)):
        return
    with ledger.lock:
        ledger.confirmed.add(name)
    first, second = srp_login(client, pool.user_pool_id, pool.client_id, name, password)
    if not ledger.note("InitiateAuth SRP", first) or second is None:
        return
    if not ledger.note("RespondToAuthChallenge", second):
        return
    tokens = second.body["AuthenticationResult"]
    renewed = refresh(client, pool.client_id, tokens["RefreshToken"])
    if ledger.note("InitiateAuth refresh", renewed):
        access = renewed.body["AuthenticationResult"]["AccessToken"]
        me = post(client, "GetUser", {"AccessToken": access})
        if ledger.note("GetUser", me) and me.body.get("Username") != name:
            ledger.problems.append(f"GetUser answered {me.body.get('Username')} for {name}")


def steal_name(client: httpx.Client, pool: PoolIds, ledger: Ledger, mine: str, rng: Any) -> None:
    """Sign up a name another client already holds: UsernameExistsException, nothing else."""
    taken = ledger.someone_else(mine, rng)
    if taken is not None:
        answer = sign_up(client, pool.client_id, taken, "Other-Passw0rd!")
        ledger.note("SignUp (taken name)", answer, expected="UsernameExistsException")


def client_loop(pool: PoolIds, ledger: Ledger, worker: int, deadline: float) -> None:
    """One client: users one after another until the deadline."""
    rng = random.Random(worker)
    prefix = f"load{worker}-"
    try:
        with httpx.Client(base_url=pool.endpoint, timeout=30.0) as client:
            count = 0
            while time.monotonic() < deadline:
                one_user(client, pool, ledger, f"{prefix}{count}")
                if count % 3 == 2:
                    steal_name(client, pool, ledger, prefix, rng)
                count += 1
    except Exception as exc:  # recorded, so the test fails with it instead of a thread warning
        with ledger.lock:
            ledger.problems.append(f"client {worker} crashed: {exc!r}")


def run_load(pool: PoolIds) -> Ledger:
    ledger = Ledger()
    deadline = time.monotonic() + LOAD_SECONDS
    threads = [
        threading.Thread(target=client_loop, args=(pool, ledger, worker, deadline))
        for worker in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=LOAD_SECONDS + 60)
    assert not any(thread.is_alive() for thread in threads), "a client hung"
    return ledger


def stored_users(engine: sa.Engine, pool_id: str) -> list[tuple[str, str, str]]:
    """(username, sub, status) of every row of the pool in the users table."""
    table = sa.Table("users", sa.MetaData(), autoload_with=engine)
    query = sa.select(table.c.username, table.c.sub, table.c.status).where(
        table.c.pool_id == pool_id
    )
    with engine.connect() as conn:
        return [(row.username, row.sub, row.status) for row in conn.execute(query)]


def check_admin_view(pool: PoolIds, ledger: Ledger) -> None:
    """AdminGetUser answers for each acknowledged user, as acknowledged."""
    with httpx.Client(base_url=pool.endpoint, timeout=30.0) as client:
        for name, sub in ledger.signed_up.items():
            body = {"UserPoolId": pool.user_pool_id, "Username": name}
            answer = post(client, "AdminGetUser", body)
            assert answer.ok, answer
            attributes = {a["Name"]: a["Value"] for a in answer.body["UserAttributes"]}
            assert attributes["sub"] == sub
            assert answer.body["UserStatus"] == "CONFIRMED" or name not in ledger.confirmed


def check_database(engine: sa.Engine, pool: PoolIds, ledger: Ledger) -> None:
    """The users table holds exactly the acknowledged users, once each, with their subs."""
    rows = stored_users(engine, pool.user_pool_id)
    names = [name for name, _sub, _status in rows]
    assert sorted(names) == sorted(ledger.signed_up), "lost or extra users"
    assert len({sub for _name, sub, _status in rows}) == len(rows), "duplicated subs"
    for name, sub, status in rows:
        assert sub == ledger.signed_up[name]
        assert status == "CONFIRMED" or name not in ledger.confirmed


def test_concurrent_clients_lose_and_duplicate_nothing(pool: PoolIds, live_server: Any) -> None:
    ledger = run_load(pool)

    assert not [status for status in ledger.answers if status >= 500]
    assert ledger.problems == []
    assert len(ledger.signed_up) >= CLIENTS, "the load did too little to mean anything"
    check_database(live_server.engine, pool, ledger)
    check_admin_view(pool, ledger)
