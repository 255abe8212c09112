"""The command line: ``serve`` prints its JSON line and serves boto3; ``demo`` runs the story."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import make_boto_client

CLI = [sys.executable, "-m", "cognito_identity.cli"]


def start_serve(data_dir: Path) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    process = subprocess.Popen(
        [*CLI, "serve", "--port", "0", "--data-dir", str(data_dir)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    line = process.stdout.readline()
    if not line:
        process.kill()
        pytest.fail(f"serve printed nothing: {process.communicate()[1]}")
    return process, json.loads(line)


def stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=15)
    assert process.returncode == 0, stderr
    return stderr


def test_serve_prints_one_json_line_and_serves_boto3(tmp_path: Path) -> None:
    process, info = start_serve(tmp_path)
    try:
        assert set(info) >= {"endpoint", "user_pool_id", "client_id", "region"}
        assert info["user_pool_id"].startswith(info["region"] + "_")
        boto = make_boto_client(info["endpoint"])
        described = boto.describe_user_pool_client(
            UserPoolId=info["user_pool_id"], ClientId=info["client_id"]
        )["UserPoolClient"]
        assert "ClientSecret" not in described
        assert (tmp_path / "cognito-identity.sqlite3").exists()
    finally:
        stop(process)


def test_serve_reuses_the_default_pool_on_restart(tmp_path: Path) -> None:
    first, info1 = start_serve(tmp_path)
    stop(first)
    second, info2 = start_serve(tmp_path)
    stop(second)
    assert (info1["user_pool_id"], info1["client_id"]) == (
        info2["user_pool_id"],
        info2["client_id"],
    )


def test_demo_runs_the_whole_story_and_exits_zero() -> None:
    env = {**os.environ, "PYTHONWARNINGS": "error"}
    done = subprocess.run([*CLI, "demo"], capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    for expected in ("Sign up", "Confirm", "SRP", "cognito:username", "Refresh", "Sign out"):
        assert expected in out
    assert "alice@example.com" in out
    assert "Demo finished" in out
    assert "Corr3ct-Horse-Battery!" not in out + done.stderr  # the password is never printed
