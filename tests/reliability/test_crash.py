"""Crash: the server killed with SIGKILL in the middle of a load, then started on the same file.

The server runs as ``cognito-identity serve`` in its own process. Clients sign users up and
confirm them until the kill. Then the SQLite file must pass ``PRAGMA integrity_check``, a new
server must start on it, and every sign-up and confirmation that was acknowledged before the
kill must be there, with the sub it was given. Two rounds, so the second kill lands on a
database that already went through one recovery.
"""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from .wire import latest_code, post, sign_up, srp_login

CLIENTS = 6
LOAD_SECONDS = 2.5
ROUNDS = 2


@dataclass
class Acknowledged:
    """What the server answered 200 to before it died."""

    subs: dict[str, str] = field(default_factory=dict)
    passwords: dict[str, str] = field(default_factory=dict)
    confirmed: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class Running:
    process: subprocess.Popen[str]
    endpoint: str
    pool_id: str
    client_id: str


@contextmanager
def serve(data_dir: Path, log: Path) -> Iterator[Running]:
    """``cognito-identity serve --port 0 --data-dir data_dir``; stopped (if alive) on exit."""
    command = [sys.executable, "-m", "cognito_identity.cli", "serve", "--port", "0"]
    command += ["--data-dir", str(data_dir)]
    with log.open("a") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line, f"the server did not start: {log.read_text()[-2000:]}"
        info = json.loads(line)
        yield Running(process, info["endpoint"], info["user_pool_id"], info["client_id"])
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=20)
        if process.stdout is not None:
            process.stdout.close()


def signer(server: Running, acked: Acknowledged, worker: int, round_no: int) -> None:
    """Sign up and confirm users until the server stops answering."""
    try:
        with httpx.Client(base_url=server.endpoint, timeout=10.0) as client:
            for count in range(100_000):
                name = f"crash{round_no}-{worker}-{count}"
                password = f"Crash-{name}-Passw0rd!"
                answer = sign_up(client, server.client_id, name, password)
                if not answer.ok:
                    continue
                with acked.lock:
                    acked.subs[name] = answer.body["UserSub"]
                    acked.passwords[name] = password
                code = latest_code(client, server.pool_id, name)
                body = {"ClientId": server.client_id, "Username": name, "ConfirmationCode": code}
                if post(client, "ConfirmSignUp", body).ok:
                    with acked.lock:
                        acked.confirmed.add(name)
    except httpx.HTTPError:
        return  # the server was killed: expected


def load_then_kill(server: Running, acked: Acknowledged, round_no: int) -> None:
    threads = [
        threading.Thread(target=signer, args=(server, acked, worker, round_no))
        for worker in range(CLIENTS)
    ]
    for thread in threads:
        thread.start()
    time.sleep(LOAD_SECONDS)
    server.process.send_signal(signal.SIGKILL)
    server.process.wait(timeout=10)
    for thread in threads:
        thread.join(timeout=30)
    assert not any(thread.is_alive() for thread in threads)


def integrity(data_dir: Path) -> str:
    """``PRAGMA integrity_check`` of the server's SQLite file (recovers the WAL on open)."""
    (database,) = data_dir.glob("*.sqlite3")
    conn = sqlite3.connect(database)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def check_present(server: Running, acked: Acknowledged) -> None:
    """Every acknowledged sign-up exists with its sub; acknowledged confirmations held."""
    with httpx.Client(base_url=server.endpoint, timeout=30.0) as client:
        for name, sub in acked.subs.items():
            answer = post(client, "AdminGetUser", {"UserPoolId": server.pool_id, "Username": name})
            assert answer.ok, (name, answer)
            attributes = {a["Name"]: a["Value"] for a in answer.body["UserAttributes"]}
            assert attributes["sub"] == sub
            if name in acked.confirmed:
                assert answer.body["UserStatus"] == "CONFIRMED", name


def check_login(server: Running, acked: Acknowledged) -> None:
    """A user confirmed before a crash signs in with SRP after it."""
    name = sorted(acked.confirmed)[0]
    with httpx.Client(base_url=server.endpoint, timeout=30.0) as client:
        _first, second = srp_login(
            client, server.pool_id, server.client_id, name, acked.passwords[name]
        )
    assert second is not None and second.ok, second


def test_sigkill_mid_load_loses_no_acknowledged_write(tmp_path: Path) -> None:
    data_dir, log = tmp_path / "data", tmp_path / "server.log"
    acked = Acknowledged()
    ids: set[tuple[str, str]] = set()
    for round_no in range(ROUNDS):
        with serve(data_dir, log) as server:
            ids.add((server.pool_id, server.client_id))
            load_then_kill(server, acked, round_no)
        assert integrity(data_dir) == "ok"
        assert len(acked.subs) >= CLIENTS, "too few sign-ups before the kill to mean anything"

    with serve(data_dir, log) as server:
        ids.add((server.pool_id, server.client_id))
        check_present(server, acked)
        check_login(server, acked)
    assert len(ids) == 1, "the default pool was made again after a crash"
    assert "Traceback" not in log.read_text()
