"""``cognito-identity pool|client|user|messages`` against an embedded local server."""

from __future__ import annotations

import json
from typing import Any

import pytest

from cognito_identity.cli import main

from ..conftest import STRONG_PASSWORD, PoolIds, latest_code
from ..server.helpers import srp_login


def cli(capsys: pytest.CaptureFixture[str], endpoint: str, *args: str) -> tuple[int, str, str]:
    """Run the command in-process; (exit status, stdout, stderr)."""
    action = list(args)
    status = main([*action, "--endpoint", endpoint])
    captured = capsys.readouterr()
    return status, captured.out, captured.err


def cli_json(capsys: pytest.CaptureFixture[str], endpoint: str, *args: str) -> Any:
    status, out, err = cli(capsys, endpoint, *args, "--json")
    assert status == 0, err
    return json.loads(out)


def test_pool_create_list_describe(capsys: pytest.CaptureFixture[str], live_server: Any) -> None:
    endpoint = live_server.endpoint
    status, out, _ = cli(capsys, endpoint, "pool", "create", "shop", "--auto-verify", "email")
    assert status == 0 and "Id" in out and "shop" in out
    pool_id = out.split()[1]
    status, out, _ = cli(capsys, endpoint, "pool", "list")
    assert out.splitlines()[0].split() == ["ID", "NAME", "CREATED"]
    assert pool_id in out
    described = cli_json(capsys, endpoint, "pool", "describe", pool_id)
    assert described["AutoVerifiedAttributes"] == ["email"]
    status, out, _ = cli(capsys, endpoint, "pool", "describe", pool_id)
    assert "AutoVerified" in out and "email" in out


def test_client_secret_is_hidden_unless_asked(
    capsys: pytest.CaptureFixture[str], pool: PoolIds
) -> None:
    created = cli_json(
        capsys, pool.endpoint, "client", "create", pool.user_pool_id, "web", "--secret"
    )
    assert created["ClientSecret"].startswith("(hidden")
    shown = cli_json(
        capsys, pool.endpoint, "client", "create", pool.user_pool_id, "api", "--secret",
        "--show-secret",
    )  # fmt: skip
    assert len(shown["ClientSecret"]) > 20
    status, out, _ = cli(capsys, pool.endpoint, "client", "list", pool.user_pool_id)
    assert status == 0 and created["ClientId"] in out and "api" in out


def test_user_lifecycle(capsys: pytest.CaptureFixture[str], pool: PoolIds, boto: Any) -> None:
    endpoint, pool_id = pool.endpoint, pool.user_pool_id
    status, out, _ = cli(
        capsys, endpoint, "user", "create", pool_id, "bob", "--attribute", "email=bob@example.com",
        "--suppress",
    )  # fmt: skip
    assert status == 0 and "FORCE_CHANGE_PASSWORD" in out
    status, out, _ = cli(
        capsys, endpoint, "user", "set-password", pool_id, "bob", "--password", STRONG_PASSWORD,
        "--permanent",
    )  # fmt: skip
    assert status == 0 and STRONG_PASSWORD not in out
    assert srp_login(boto, pool, "bob")["AccessToken"]
    status, out, _ = cli(capsys, endpoint, "user", "list", pool_id)
    assert "bob" in out and "CONFIRMED" in out and "bob@example.com" in out
    assert cli(capsys, endpoint, "user", "delete", pool_id, "bob")[0] == 0
    assert cli_json(capsys, endpoint, "user", "list", pool_id) == []


def test_user_confirm_and_messages(
    capsys: pytest.CaptureFixture[str], pool: PoolIds, boto: Any
) -> None:
    boto.sign_up(
        ClientId=pool.client_id,
        Username="carol",
        Password=STRONG_PASSWORD,
        UserAttributes=[{"Name": "email", "Value": "carol@example.com"}],
    )
    code = latest_code(pool.endpoint, pool.user_pool_id, "carol")
    status, out, _ = cli(capsys, pool.endpoint, "messages", "--username", "CAROL")
    assert status == 0 and code in out and "carol@example.com" in out
    listed = cli_json(capsys, pool.endpoint, "messages", "--pool-id", pool.user_pool_id)
    assert listed[0]["code"] == code and listed[0]["message"].startswith("(hidden")
    status, out, _ = cli(capsys, pool.endpoint, "user", "confirm", pool.user_pool_id, "carol")
    assert status == 0 and "confirmed carol" in out
    assert boto.admin_get_user(UserPoolId=pool.user_pool_id, Username="carol")["UserStatus"] == (
        "CONFIRMED"
    )


def test_errors_are_one_line_messages(capsys: pytest.CaptureFixture[str], live_server: Any) -> None:
    status, out, err = cli(capsys, live_server.endpoint, "pool", "describe", "us-east-1_nothing")
    assert status == 1 and out == ""
    assert err.startswith("cognito-identity: ResourceNotFoundException") and "Traceback" not in err
    status, _, err = cli(
        capsys, live_server.endpoint, "user", "create", "p", "u", "--attribute", "x"
    )
    assert status == 1 and "NAME=VALUE" in err


def test_unreachable_endpoint_is_a_message(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = cli(capsys, "http://127.0.0.1:9/", "pool", "list")
    assert status == 1 and "Could not connect" in err and "Traceback" not in err
    status, _, err = cli(capsys, "http://127.0.0.1:9/", "messages")
    assert status == 1 and "cannot reach" in err


def test_credentials_come_from_options_then_the_environment(
    capsys: pytest.CaptureFixture[str], live_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "local")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "wrong")
    status, _, err = cli(capsys, live_server.endpoint, "pool", "list")
    assert status == 1 and "cognito-identity: " in err and "Traceback" not in err
    status, _, err = cli(
        capsys, live_server.endpoint, "pool", "list", "--secret-key", "local-secret"
    )
    assert status == 0, err
