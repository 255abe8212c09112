"""``cognito-identity login`` driven through a pseudo-terminal, answering its prompts, against
the local server (in this process, over a socket; the CLI runs in a child process)."""

from __future__ import annotations

import codecs
import dataclasses
import json
import os
import re
import select
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from cognito_identity import AuthenticationDetails, CognitoUserPool, MemoryStorage
from cognito_identity.cli import _qr
from cognito_identity.protocol.totp import secret_bytes, totp
from cognito_identity.storage import FileStorage, StorageKeys
from tests.conftest import STRONG_PASSWORD, FakeClock, PoolIds, latest_code
from tests.sdk.test_challenges import create_pool, register, set_mfa

CLI = [sys.executable, "-m", "cognito_identity.cli", "login"]


class Terminal:
    """A child process on a pseudo-terminal: ``expect`` output, ``send`` lines."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        master, slave = os.openpty()
        # A new session without a controlling terminal: getpass then turns echo off on stdin.
        self.process = subprocess.Popen(
            [*CLI, *args], stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.fd = master
        self.output = ""
        self.seen = 0
        # Incremental: a multi-byte character (the QR code's blocks) may straddle two reads.
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 4096)
        except OSError:  # EIO: the child closed the terminal
            return False
        self.output += self._decoder.decode(chunk)
        return bool(chunk)

    def expect(self, pattern: str, timeout: float = 30) -> re.Match[str]:
        deadline = time.monotonic() + timeout
        while True:
            found = re.compile(pattern).search(self.output, self.seen)
            if found:
                self.seen = found.end()
                return found
            if time.monotonic() > deadline or not self._read(0.2):
                if found := re.compile(pattern).search(self.output, self.seen):
                    return found
                raise AssertionError(f"no {pattern!r} in output:\n{self.output}")

    def send(self, line: str) -> None:
        os.write(self.fd, (line + "\n").encode())

    def finish(self, timeout: float = 30) -> int:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._read(0.2):
            pass
        code = self.process.wait(timeout=timeout)
        os.close(self.fd)
        return code


@pytest.fixture
def terminals() -> Any:
    made: list[Terminal] = []

    def spawn(args: list[str], env: dict[str, str]) -> Terminal:
        made.append(Terminal(args, env))
        return made[-1]

    yield spawn
    for terminal in made:
        if terminal.process.poll() is None:
            terminal.process.kill()
            terminal.process.wait()


def environment(tmp_path: Path, ids: PoolIds | None = None) -> dict[str, str]:
    env = {**os.environ, "HOME": str(tmp_path), "PYTHONWARNINGS": "error"}
    for name in ("COGNITO_ENDPOINT", "COGNITO_USER_POOL_ID", "COGNITO_CLIENT_ID"):
        env.pop(name, None)
    if ids is not None:
        env.update(
            COGNITO_ENDPOINT=ids.endpoint,
            COGNITO_USER_POOL_ID=ids.user_pool_id,
            COGNITO_CLIENT_ID=ids.client_id,
        )
    return env


def sdk_for(ids: PoolIds, clock: FakeClock) -> CognitoUserPool:
    return CognitoUserPool(
        ids.user_pool_id, ids.client_id, ids.endpoint, MemoryStorage(), clock=clock
    )


def assert_stored(path: Path, ids: PoolIds, username: str) -> None:
    storage = FileStorage(path)
    keys = StorageKeys(ids.client_id)
    assert storage.get_item(keys.last_auth_user) == username
    assert storage.get_item(keys.user(username, "idToken"))
    assert storage.get_item(keys.user(username, "refreshToken"))
    assert (path.stat().st_mode & 0o777) == 0o600


@pytest.mark.parametrize("flow", ["USER_SRP_AUTH", "USER_PASSWORD_AUTH"])
def test_login_with_a_password(
    pool: PoolIds, clock: FakeClock, tmp_path: Path, terminals: Any, flow: str
) -> None:
    with sdk_for(pool, clock) as sdk:
        register(sdk, pool)
    tokens = tmp_path / "tokens.json"
    term = terminals(["--storage", str(tokens), "--flow", flow], environment(tmp_path, pool))
    term.expect("Username: ")
    term.send("alice")
    term.expect("Password: ")
    term.send(STRONG_PASSWORD)
    term.expect(r"Signed in as alice \(alice@example.com\)")
    term.expect(r"Tokens expire at .*\(in 60 min\)")
    assert term.finish() == 0, term.output
    assert STRONG_PASSWORD not in term.output  # getpass: not echoed
    assert STRONG_PASSWORD not in tokens.read_text()
    assert_stored(tokens, pool, "alice")


def test_login_asks_for_the_sms_code(
    boto: Any, live_server: Any, clock: FakeClock, tmp_path: Path, terminals: Any
) -> None:
    ids = create_pool(boto, live_server.endpoint)
    set_mfa(boto, ids, "OPTIONAL")
    with sdk_for(ids, clock) as sdk:
        user = register(sdk, ids)
        user.authenticate_user(AuthenticationDetails("alice", STRONG_PASSWORD))
        user.set_user_mfa_preference({"Enabled": True, "PreferredMfa": True}, None)
    serve_line = tmp_path / "serve.json"
    serve_line.write_text(json.dumps({**dataclasses.asdict(ids), "region": "us-east-1"}) + "\n")
    tokens = tmp_path / "tokens.json"
    args = ["--from", str(serve_line), "--storage", str(tokens), "--username", "alice"]
    term = terminals(args, environment(tmp_path))
    term.expect("Password: ")
    term.send(STRONG_PASSWORD)
    term.expect(r"Code sent to \+\S*0100: ")
    code = latest_code(ids.endpoint, ids.user_pool_id, "alice")
    term.send("000000" if code != "000000" else "111111")
    term.expect("Try again")
    term.expect("Code sent to")
    term.send(code)
    term.expect("Signed in as alice")
    assert term.finish() == 0, term.output
    assert_stored(tokens, ids, "alice")


def test_login_sets_up_totp_with_a_qr_code(
    boto: Any, live_server: Any, clock: FakeClock, tmp_path: Path, terminals: Any
) -> None:
    ids = create_pool(boto, live_server.endpoint)
    set_mfa(boto, ids, "ON", sms=False, email=False)
    with sdk_for(ids, clock) as sdk:
        register(sdk, ids)
    tokens = tmp_path / "tokens.json"
    args = ["--storage", str(tokens), "--issuer", "Acme"]
    term = terminals(args, environment(tmp_path, ids))
    term.expect("Username: ")
    term.send("alice")
    term.expect("Password: ")
    term.send(STRONG_PASSWORD)
    term.expect("scan the QR code")
    secret = term.expect(r"Secret key: ([A-Z2-7]+)").group(1)
    uri = term.expect(r"URI: (otpauth://totp/Acme:alice\?secret=[A-Z2-7]+&issuer=Acme)").group(1)
    assert f"secret={secret}&" in uri
    assert _qr.render(_qr.encode(uri)).replace("\n", "\r\n") in term.output
    term.expect("Code from your authenticator app: ")
    term.send(totp(secret_bytes(secret), clock.now))
    term.expect("Signed in as alice")
    assert term.finish() == 0, term.output
    assert_stored(tokens, ids, "alice")


def test_login_without_a_pool_exits_2(tmp_path: Path) -> None:
    done = subprocess.run(
        CLI, capture_output=True, text=True, env=environment(tmp_path), stdin=subprocess.DEVNULL
    )
    assert done.returncode == 2
    assert "--user-pool-id" in done.stderr


def test_a_wrong_password_exits_1(
    pool: PoolIds, clock: FakeClock, tmp_path: Path, terminals: Any
) -> None:
    with sdk_for(pool, clock) as sdk:
        register(sdk, pool)
    term = terminals(["--username", "alice"], environment(tmp_path, pool))
    term.expect("Password: ")
    term.send("Not-The-Passw0rd!")
    term.expect("login failed: NotAuthorizedException: Incorrect username or password.")
    assert term.finish() == 1
    assert not (tmp_path / ".config" / "cognito-identity" / "tokens.json").exists()
