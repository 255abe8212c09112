"""Security: no secret left in logs or the database, hostile SRP values and forged tokens refused,
secrets compared in constant time.
"""

from __future__ import annotations

import ast
import base64
import json
import logging
import re
import secrets
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

import cognito_identity
from cognito_identity.protocol.srp import N

from ..conftest import PoolIds
from .wire import confirmed_user, latest_code, new_pool, post, sign_up, srp_login

HEX64 = re.compile(r"[0-9a-f]{64}")
PACKAGE = Path(cognito_identity.__file__).parent


@dataclass
class Secrets:
    """Every password and code the run used, to look for afterwards."""

    passwords: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)

    def password(self) -> str:
        value = f"Pw-{secrets.token_hex(6)}-Zz9!"
        self.passwords.append(value)
        return value


def user_story(client: httpx.Client, pool: PoolIds, used: Secrets, name: str) -> None:
    """Weak sign-up, sign-up, wrong code, right code, SRP, password login, wrong password."""
    weak = f"weak{secrets.token_hex(4)}"
    used.passwords.append(weak)
    assert sign_up(client, pool.client_id, name, weak).error_code == "InvalidPasswordException"
    password = used.password()
    assert sign_up(client, pool.client_id, name, password).ok
    code = latest_code(client, pool.user_pool_id, name)
    assert code is not None
    used.codes.append(code)
    wrong = "000000" if code != "000000" else "111111"
    confirm = {"ClientId": pool.client_id, "Username": name}
    assert not post(client, "ConfirmSignUp", confirm | {"ConfirmationCode": wrong}).ok
    assert post(client, "ConfirmSignUp", confirm | {"ConfirmationCode": code}).ok
    _first, second = srp_login(client, pool.user_pool_id, pool.client_id, name, password)
    assert second is not None and second.ok
    for attempt in (password, used.password()):
        body = {"AuthFlow": "USER_PASSWORD_AUTH", "ClientId": pool.client_id}
        body["AuthParameters"] = {"USERNAME": name, "PASSWORD": attempt}  # type: ignore[assignment]
        post(client, "InitiateAuth", body)


@pytest.fixture
def story(pool: PoolIds, caplog: pytest.LogCaptureFixture) -> Secrets:
    caplog.set_level(logging.DEBUG)
    used = Secrets()
    with httpx.Client(base_url=pool.endpoint, timeout=30.0) as client:
        for index in range(3):
            user_story(client, pool, used, f"secure-{index}")
    return used


def database_cells(path: Path) -> Iterator[tuple[str, str, str]]:
    """(table, column, text) for every non-null cell of every table of a SQLite file."""
    conn = sqlite3.connect(path)
    try:
        tables = [
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
        ]
        for table in tables:
            cursor = conn.execute(f'SELECT * FROM "{table}"')
            columns = [description[0] for description in cursor.description]
            for row in cursor:
                for column, value in zip(columns, row, strict=True):
                    if value is not None:
                        text = value.decode("latin-1") if isinstance(value, bytes) else str(value)
                        yield table, column, text
    finally:
        conn.close()


def db_path(live_server: Any) -> Path:
    return Path(live_server.engine.url.database)


def test_no_password_in_logs(story: Secrets, caplog: pytest.LogCaptureFixture, capfd: Any) -> None:
    captured = capfd.readouterr()
    logs = caplog.text + captured.out + captured.err
    assert story.passwords
    for password in story.passwords:
        assert password not in logs


def test_no_password_in_the_database(story: Secrets, live_server: Any) -> None:
    cells = list(database_cells(db_path(live_server)))
    assert cells
    for table, column, text in cells:
        for password in story.passwords:
            assert password not in text, f"a password is in {table}.{column}"


def test_codes_are_hashed_outside_the_outbox(story: Secrets, live_server: Any) -> None:
    cells = list(database_cells(db_path(live_server)))
    hashes_seen = [
        text for table, column, text in cells if (table, column) == ("codes", "code_hash")
    ]
    assert hashes_seen, "no code was stored at all"
    assert all(HEX64.fullmatch(text) for text in hashes_seen)
    for table, column, text in cells:
        if table == "outbox":
            continue  # showing codes is its job
        for code in story.codes:
            # Whole values or JSON strings: a bare 6-digit run inside hex would be chance.
            assert text != code and f'"{code}"' not in text, f"a clear code is in {table}.{column}"


@pytest.mark.parametrize(
    "srp_a", ["0", "00", format(N, "x"), format(2 * N, "x"), format(3 * N, "X")]
)
def test_srp_a_that_is_zero_mod_n_is_refused(pool: PoolIds, srp_a: str) -> None:
    password = "Zero-Passw0rd!"
    with httpx.Client(base_url=pool.endpoint, timeout=30.0) as client:
        confirmed_user(client, pool.user_pool_id, pool.client_id, "a-zero", password)
        _first, second = srp_login(client, pool.user_pool_id, pool.client_id, "a-zero", password)
        assert second is not None and second.ok, "a real A must work for this user"
        body = {"AuthFlow": "USER_SRP_AUTH", "ClientId": pool.client_id}
        body["AuthParameters"] = {"USERNAME": "a-zero", "SRP_A": srp_a}  # type: ignore[assignment]
        answer = post(client, "InitiateAuth", body)
    assert answer.status == 400, answer
    assert "ChallengeName" not in answer.body


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _part(segment: str) -> dict[str, Any]:
    decoded: dict[str, Any] = json.loads(
        base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    )
    return decoded


def resign(
    token: str, key: rsa.RSAPrivateKey, kid: str | None, claims: dict[str, Any] | None = None
) -> str:
    """``token`` with its claims (or ``claims``) signed again by ``key`` (RS256)."""
    header_b64, claims_b64, _signature = token.split(".")
    header = _part(header_b64)
    if kid is not None:
        header["kid"] = kid
    body = claims if claims is not None else _part(claims_b64)
    signing_input = f"{_b64url(json.dumps(header).encode())}.{_b64url(json.dumps(body).encode())}"
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    return f"{signing_input}.{_b64url(signature)}"


def pool_key(path: Path, pool_id: str) -> tuple[str, rsa.RSAPrivateKey]:
    conn = sqlite3.connect(path)
    try:
        kid, pem = conn.execute(
            "SELECT kid, private_pem FROM pool_keys WHERE pool_id = ?", (pool_id,)
        ).fetchone()
    finally:
        conn.close()
    key = serialization.load_pem_private_key(pem.encode(), password=None)
    assert isinstance(key, rsa.RSAPrivateKey)
    return kid, key


def test_tokens_signed_by_another_pools_key_are_refused(pool: PoolIds, live_server: Any) -> None:
    password = "Forge-Passw0rd!"
    with httpx.Client(base_url=pool.endpoint, timeout=30.0) as client:
        confirmed_user(client, pool.user_pool_id, pool.client_id, "victim", password)
        _first, second = srp_login(client, pool.user_pool_id, pool.client_id, "victim", password)
        assert second is not None and second.ok
        access = second.body["AuthenticationResult"]["AccessToken"]
        assert post(client, "GetUser", {"AccessToken": access}).ok

        other_pool, _other_client = new_pool(client, "attacker")
        other_kid, other_key = pool_key(db_path(live_server), other_pool)
        own_kid = _part(access.split(".")[0])["kid"]
        stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        forged = [
            resign(access, other_key, own_kid),  # the victim pool's kid, the wrong key
            resign(access, other_key, other_kid),  # another pool's kid and key
            resign(access, stranger, own_kid),  # a key nobody knows
            resign(access, other_key, other_kid, _part(access.split(".")[1]) | {"iss": "x"}),
        ]
        header, claims, _sig = access.split(".")
        alg_none = _b64url(json.dumps(_part(header) | {"alg": "none"}).encode())
        forged.append(f"{alg_none}.{claims}.")
        for token in forged:
            answer = post(client, "GetUser", {"AccessToken": token})
            assert answer.status == 400 and answer.error_code == "NotAuthorizedException", answer


# --- constant-time comparisons: a narrow source check ------------------------------------

SECRET_NAME = re.compile(
    r"(signature|secret|digest|code_hash|token_hash|_hash$|^hash$|^code$|password)", re.I
)
# Names that match the words above but hold nothing secret.
NOT_SECRET = re.compile(
    r"(status_code|error_code|code_delivery|hash_hex|hex_hash|_name$|kind)", re.I
)


def _terminal_name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _terminal_name(node.func)
    return None


def _is_sql_expression(node: ast.expr) -> bool:
    """``table.c.column == x`` builds SQL (compared by the database), not a Python comparison."""
    return (
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Attribute)
        and node.value.attr == "c"
    )


def _secret_comparisons(source: str) -> list[int]:
    """Lines where ``==``/``!=`` compares a secret-named value with anything but a constant."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Compare) or not all(
            isinstance(op, ast.Eq | ast.NotEq) for op in node.ops
        ):
            continue
        operands = [node.left, *node.comparators]
        if any(isinstance(operand, ast.Constant) for operand in operands):
            continue
        if any(_is_sql_expression(operand) for operand in operands):
            continue
        # UPPER_CASE names are module constants (FORCE_CHANGE_PASSWORD), not secrets.
        names = [name for name in map(_terminal_name, operands) if name and not name.isupper()]
        if any(SECRET_NAME.search(name) and not NOT_SECRET.search(name) for name in names):
            found.append(node.lineno)
    return found


def test_secrets_are_compared_in_constant_time() -> None:
    offenders = []
    for folder in (PACKAGE / "server", PACKAGE / "protocol"):
        for path in sorted(folder.rglob("*.py")):
            for line in _secret_comparisons(path.read_text()):
                offenders.append(f"{path.relative_to(PACKAGE)}:{line}")
    assert offenders == [], "use hmac.compare_digest for secrets"


def test_the_scan_would_catch_a_plain_comparison() -> None:
    """The source check above is not vacuous."""
    assert _secret_comparisons("ok = expected_signature == signature\n") == [1]
    assert _secret_comparisons("ok = row.code_hash != _hash(code)\n") == [1]
    assert _secret_comparisons("ok = status_code == 200\n") == []
    assert _secret_comparisons("q = codes.c.code_hash == value\n") == []
    assert _secret_comparisons("ok = user.status == FORCE_CHANGE_PASSWORD\n") == []


def test_the_protocol_checks_use_compare_digest() -> None:
    for module in ("protocol/srp.py", "protocol/secret_hash.py"):
        assert "hmac.compare_digest" in (PACKAGE / module).read_text(), module
