"""Shared helpers of the benchmarks: statistics, tables, the machine record, bench/RESULTS.md.

Every benchmark script prints its table and rewrites only its own section of
``bench/RESULTS.md`` (between ``<!-- begin:NAME -->`` and ``<!-- end:NAME -->``), so each can
be run alone and the file keeps the other sections. Each section carries the machine,
versions and date it was measured with.
"""

from __future__ import annotations

import datetime
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS = BENCH_DIR / "RESULTS.md"
JS_DIR = ROOT / "tests" / "interop" / "js"
VENV_BIN = Path(sys.executable).parent

RESULTS_HEADER = """# Benchmark results

Written by the scripts in `bench/` (`make bench`); each section is replaced when its script runs.
Benchmarks report, they never assert: the targets are compared by hand below each table.
"""


def median_ms(samples: Sequence[float]) -> float:
    """Median of durations in seconds, in milliseconds."""
    return statistics.median(samples) * 1000.0


def percentile_ms(samples: Sequence[float], fraction: float) -> float:
    """The ``fraction`` quantile (0..1, nearest rank) of durations in seconds, in ms."""
    ordered = sorted(samples)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))
    return ordered[index] * 1000.0


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A GitHub-flavoured Markdown table (numbers right-aligned)."""
    cells = [[_cell(value) for value in row] for row in rows]
    align = [
        "---:" if rows and isinstance(rows[0][i], int | float) else "---"
        for i in range(len(headers))
    ]
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join(align) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in cells]
    return "\n".join(lines)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.2f}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def cpu_model() -> str:
    """The CPU model name from /proc/cpuinfo (``platform.processor()`` elsewhere)."""
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "unknown"
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else platform.processor() or "unknown"


def package_version(name: str) -> str:
    """The installed version of a distribution, or ``"not installed"``."""
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def node_version() -> str:
    """``node --version``, or ``"not installed"``."""
    node = shutil.which("node")
    if node is None:
        return "not installed"
    done = subprocess.run([node, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or "unknown"


def load_average() -> str:
    """The 1/5/15-minute load averages, to judge how quiet the machine was."""
    try:
        return " / ".join(f"{value:.2f}" for value in os.getloadavg())
    except OSError:
        return "unknown"


def machine_record() -> str:
    """A Markdown list: machine, CPU, cores, OS, versions, date and load average."""
    packages = ["cognito-identity", "gmpy2", "pycognito", "moto", "httpx", "uvicorn", "starlette"]
    versions = ", ".join(f"{name} {package_version(name)}" for name in packages)
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    return "\n".join(
        [
            f"- Date: {when}",
            f"- Machine: {platform.platform()}, CPU {cpu_model()}, {os.cpu_count()} cores",
            f"- Python {platform.python_version()} ({platform.python_implementation()})",
            f"- Versions: {versions}, node {node_version()}",
            f"- Load average when the run ended (1/5/15 min): {load_average()}",
        ]
    )


def write_section(name: str, title: str, body: str) -> None:
    """Replace (or append) the section ``name`` of bench/RESULTS.md with ``body``."""
    text = RESULTS.read_text() if RESULTS.exists() else RESULTS_HEADER
    block = (
        f"<!-- begin:{name} -->\n## {title}\n\n{machine_record()}\n\n{body.strip()}\n"
        f"<!-- end:{name} -->"
    )
    pattern = re.compile(rf"<!-- begin:{name} -->.*?<!-- end:{name} -->", re.DOTALL)
    if pattern.search(text):
        text = pattern.sub(lambda _match: block, text)
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    RESULTS.write_text(text)
    print(f"\nwrote section {name!r} of {RESULTS.relative_to(ROOT)}")


def report(name: str, title: str, table: str, notes: str = "") -> None:
    """Print a table (with notes) and record it in bench/RESULTS.md."""
    print(f"\n{title}\n\n{table}\n")
    if notes:
        print(notes)
    write_section(name, title, f"{table}\n\n{notes}".strip())
