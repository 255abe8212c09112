"""Import time of the SDK (``cognito_identity``) and of the server, and the server's start-up.

Each figure is the median over fresh interpreters:

* ``-X importtime``: the cumulative time Python reports for the top-level import (the import
  itself, no interpreter start-up); the heaviest dependencies it pulled in are listed too;
* wall: ``python -c "import X"`` minus ``python -c "pass"``, both measured here;
* server start-up: ``cognito-identity serve --port 0`` until its JSON line, on a new data dir.

    .venv/bin/python bench/import_time.py [--runs 15] [--note "..."]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from common import VENV_BIN, markdown_table, report

SDK = "cognito_identity"
SERVER = "cognito_identity.server.app"
TARGET_SDK_MS = 150.0
_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|(\s*)(\S+)$")


def _clean_env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONPROFILEIMPORTTIME", None)
    return env


def wall_seconds(code: str) -> float:
    """Wall time of a fresh ``python -c code``."""
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=_clean_env())
    return time.perf_counter() - started


def importtime(module: str) -> tuple[float, dict[str, float]]:
    """``-X importtime``: (cumulative ms of ``module``, cumulative ms of its direct imports)."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        capture_output=True,
        text=True,
        check=True,
        env=_clean_env(),
    )
    # Post-order: a module's direct imports (indent 3) come just before it (indent 1).
    total, children, pending = 0.0, {}, {}
    for line in done.stderr.splitlines():
        match = _LINE.match(line)
        if match is None:
            continue
        cumulative_ms = int(match.group(2)) / 1000
        indent, name = len(match.group(3)), match.group(4)
        if indent == 3:
            pending[name] = cumulative_ms
        elif indent == 1:
            if name == module:
                total, children = cumulative_ms, pending
            pending = {}
    return total, children


def startup_seconds() -> float:
    """``cognito-identity serve --port 0`` until it prints its JSON line (new data dir)."""
    with tempfile.TemporaryDirectory(prefix="cognito-bench-") as tmp:
        command = [str(VENV_BIN / "cognito-identity"), "serve", "--port", "0"]
        command += ["--data-dir", str(Path(tmp) / "data")]
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        assert process.stdout is not None
        process.stdout.readline()
        elapsed = time.perf_counter() - started
        process.terminate()
        process.wait(timeout=10)
    return elapsed


def measure(module: str, runs: int, baseline: float) -> tuple[float, float, Counter[str]]:
    """(median importtime ms, median wall ms above bare start-up, heaviest direct imports)."""
    totals, heavy = [], Counter[str]()
    for _ in range(runs):
        total, children = importtime(module)
        totals.append(total)
        heavy.update(children)
    walls = [wall_seconds(f"import {module}") for _ in range(runs)]
    wall_ms = (statistics.median(walls) - baseline) * 1000
    heaviest = Counter({name: ms / runs for name, ms in heavy.most_common(6)})
    return statistics.median(totals), wall_ms, heaviest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="fresh interpreters per figure")
    parser.add_argument("--note", default="", help="conditions of the run, recorded as is")
    args = parser.parse_args()
    baseline = statistics.median(wall_seconds("pass") for _ in range(args.runs))
    rows: list[list[object]] = []
    details, totals = [], {}
    for module in (SDK, SERVER):
        total, wall_ms, heaviest = measure(module, args.runs, baseline)
        totals[module] = total
        rows.append([f"import {module}", total, wall_ms])
        listed = ", ".join(f"{name} {ms:.0f} ms" for name, ms in heaviest.items())
        details.append(f"- `{module}` pulls in (cumulative): {listed}")
    startup = statistics.median(startup_seconds() for _ in range(max(3, args.runs // 5)))
    rows.append(["cognito-identity serve: start to JSON line", "n/a", startup * 1000])
    table = markdown_table(["what", "-X importtime ms", "wall ms above bare python"], rows)
    verdict = "met" if totals[SDK] < TARGET_SDK_MS else "MISSED"
    notes = "\n".join(
        [
            f"Medians of {args.runs} fresh interpreters; bare `python -c pass` took "
            f"{baseline * 1000:.0f} ms.",
            *details,
            f"- Target `import {SDK}` under {TARGET_SDK_MS:.0f} ms: {verdict} "
            f"({totals[SDK]:.0f} ms)",
        ]
    )
    if args.note:
        notes += f"\n\nConditions: {args.note}"
    report("import_time", "Import time", table, notes)


if __name__ == "__main__":
    main()
