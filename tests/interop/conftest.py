"""Helpers for the interop tests that run the official amazon-cognito-identity-js under Node.

The npm packages live in tests/interop/js/node_modules (``make js`` installs them from the
lock file; ``make test`` does it first). When they or node are missing the node tests FAIL with
that advice: CI installs them, so a silent skip would hide a broken setup.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

JS_DIR = Path(__file__).parent / "js"
LIBRARY_DIR = JS_DIR / "node_modules" / "amazon-cognito-identity-js"
PINNED_VERSION = "6.3.20"

RunNode = Callable[..., Any]


def _check_node_setup() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node.js (>= 18) to run the interop tests")
    if not (LIBRARY_DIR / "package.json").is_file():
        pytest.fail(
            f"{LIBRARY_DIR} is missing: run `make js` (npm ci in {JS_DIR}) "
            "to install the official amazon-cognito-identity-js"
        )
    version = json.loads((LIBRARY_DIR / "package.json").read_text())["version"]
    if version != PINNED_VERSION:
        pytest.fail(
            f"amazon-cognito-identity-js {version} is installed, the tests pin {PINNED_VERSION}: "
            "run `make js`"
        )
    return node


@pytest.fixture(scope="session")
def run_node() -> RunNode:
    """``run_node("script.js", payload, timeout=...)``: JSON on stdin, parsed JSON from stdout."""
    node = _check_node_setup()

    def run(script: str, payload: Any, timeout: float = 120) -> Any:
        completed = subprocess.run(
            [node, str(JS_DIR / script)],
            input=json.dumps(payload),
            capture_output=True,
            text=True,
            encoding="utf-8",
            cwd=JS_DIR,
            timeout=timeout,
        )
        if completed.returncode != 0:
            pytest.fail(
                f"node {script} exited with {completed.returncode}\n"
                f"stderr:\n{completed.stderr}\nstdout:\n{completed.stdout}"
            )
        try:
            return json.loads(completed.stdout)
        except json.JSONDecodeError:
            pytest.fail(f"node {script} printed no JSON:\n{completed.stdout}\n{completed.stderr}")

    return run
