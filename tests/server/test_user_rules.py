"""Domain rules without HTTP: password policy, verifiers, codes, masking, username keys."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from cognito_identity.errors import CodeMismatchException, InvalidPasswordException
from cognito_identity.server.config import ServerConfig
from cognito_identity.server.domain import codes, delivery, passwords, users
from cognito_identity.server.domain.records import PoolRecord
from cognito_identity.server.ops import OpContext
from cognito_identity.server.store.db import make_engine


def _pool(**config: Any) -> PoolRecord:
    return PoolRecord("us-east-1_Abc123", "p", config, 0.0, 0.0)


@pytest.fixture
def ctx(tmp_path: Path) -> Iterator[OpContext]:
    config = ServerConfig(db_url=f"sqlite:///{tmp_path / 'db.sqlite3'}", clock=lambda: 1000.0)
    engine = make_engine(config.db_url)
    with engine.begin() as conn:
        yield OpContext(config, conn, now=1000.0, base_url="http://testserver", headers={})
    engine.dispose()


def test_policy_from_the_pool_config() -> None:
    policy = {
        "MinimumLength": 12,
        "RequireUppercase": False,
        "RequireLowercase": True,
        "RequireNumbers": False,
        "RequireSymbols": False,
    }
    pool = _pool(Policies={"PasswordPolicy": policy})
    passwords.check_policy(pool, "all lower case words")
    with pytest.raises(InvalidPasswordException, match="Password not long enough"):
        passwords.check_policy(pool, "short")


def test_verifier_round_trip(ctx: OpContext) -> None:
    pool = _pool()
    stored = passwords.make_verifier(ctx, pool, "alice", "Corr3ct-Horse!")
    assert len(stored.salt_hex) == 32
    assert passwords.password_matches(
        pool, "alice", "Corr3ct-Horse!", stored.salt_hex, stored.verifier_hex
    )
    assert not passwords.password_matches(
        pool, "alice", "Corr3ct-Horse?", stored.salt_hex, stored.verifier_hex
    )
    # The user id is part of x: the same password under another name does not match.
    assert not passwords.password_matches(
        pool, "Alice", "Corr3ct-Horse!", stored.salt_hex, stored.verifier_hex
    )


def test_codes_are_six_digits_even_from_a_constant_random_source(ctx: OpContext) -> None:
    constant = ServerConfig(db_url="sqlite://", random_bytes=lambda n: b"\xff" * n)
    fixed = OpContext(constant, ctx.conn, now=0.0, base_url="", headers={})
    code = codes.random_code(fixed)
    assert len(code) == 6 and code.isdigit()
    assert len({codes.random_code(ctx) for _ in range(50)}) > 40


def test_an_older_code_stops_working_when_a_new_one_is_issued(ctx: OpContext) -> None:
    first = codes.issue(ctx, "p", "alice", "signup", 60)
    second = codes.issue(ctx, "p", "alice", "signup", 60)
    if first != second:
        with pytest.raises(CodeMismatchException):
            codes.consume(ctx, "p", "alice", "signup", first)
        return
    codes.consume(ctx, "p", "alice", "signup", second)


@pytest.mark.parametrize(
    ("attribute", "medium", "value", "masked"),
    [
        ("email", "EMAIL", "alice@example.com", "a***@e***"),
        ("phone_number", "SMS", "+15555551234", "+*******1234"),
        ("phone_number", "SMS", "+4412", "+****"),
    ],
)
def test_masked_destinations(attribute: str, medium: str, value: str, masked: str) -> None:
    assert delivery.mask(delivery.Channel(attribute, medium, value)) == masked


def test_username_keys() -> None:
    assert users.username_key(_pool(), "Alice") == "alice"
    case_sensitive = _pool(UsernameConfiguration={"CaseSensitive": True})
    assert users.username_key(case_sensitive, "Alice") == "Alice"
