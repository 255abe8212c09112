"""Helpers for tests/web: node with js-cookie and the official library, and the browser.

Like the interop tests, a missing setup FAILS with the command that fixes it (CI installs
everything; a silent skip would hide a broken setup).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE_MODULES = ROOT / "tests" / "interop" / "js" / "node_modules"
JS_BUNDLE = NODE_MODULES / "amazon-cognito-identity-js" / "dist" / "amazon-cognito-identity.min.js"
CHROMIUM = Path("/usr/bin/chromium")


def node_modules_or_fail() -> str:
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not on PATH: install Node.js (>= 18) to run tests/web")
    if not (NODE_MODULES / "js-cookie" / "package.json").is_file():
        pytest.fail(f"{NODE_MODULES} is missing js-cookie: run `make js`")
    return node


def chromium_or_fail() -> Path:
    """/usr/bin/chromium, or a failure naming the make target that installs it."""
    if not CHROMIUM.is_file():
        pytest.fail(
            f"{CHROMIUM} is missing: run `make browser` (as root it installs Debian's chromium "
            "with apt-get; `make test` does it first)"
        )
    return CHROMIUM


@pytest.fixture(scope="session")
def run_js_cookie() -> Callable[[dict[str, Any]], Any]:
    """Runs tests/web/js/js_cookie_check.js on a JSON request; returns its JSON answer."""
    node = node_modules_or_fail()

    def run(request: dict[str, Any]) -> Any:
        done = subprocess.run(
            [node, str(Path(__file__).parent / "js" / "js_cookie_check.js")],
            input=json.dumps(request),
            capture_output=True,
            text=True,
            encoding="utf-8",
            env={**os.environ, "NODE_PATH": str(NODE_MODULES)},
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        return json.loads(done.stdout)

    return run


# Chromium as the machine notes require: no sandbox (root), no network chatter. Playwright adds
# --headless and a fresh temporary profile (--user-data-dir) itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """One headless Chromium (Debian's) per test module, driven by Playwright."""
    executable = chromium_or_fail()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("playwright is not installed: run `make venv` (it is in the dev extra)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(executable), headless=True, args=CHROMIUM_ARGS, timeout=30_000
        )
        yield launched
        launched.close()


class ServedApp:
    """An ASGI app served by uvicorn on 127.0.0.1 (free port) in a daemon thread."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}"
        config = uvicorn.Config(app, log_level="warning", lifespan="on", access_log=False)
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [self.socket]}, daemon=True
        )

    def __enter__(self) -> ServedApp:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            assert self.thread.is_alive() and time.monotonic() < deadline, "app did not start"
            time.sleep(0.01)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
        self.socket.close()
