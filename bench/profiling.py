"""Sampling the server under load with py-spy, and reading where its time went.

``py-spy record --format raw`` writes collapsed stacks (``frame;frame;frame count`` per line).
:func:`hot_spots` turns them into the share of samples spent inside each function (inclusive)
and in it alone (self), which is what the throughput report quotes.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

from common import VENV_BIN
from servers import pinned

_FRAME = re.compile(r"^(?P<name>.+?) \((?P<file>[^()]*?)(?::\d+)?\)$")


def start_py_spy(pid: int, seconds: float, out: Path, cpu: int) -> subprocess.Popen[bytes] | None:
    """Start sampling ``pid`` for ``seconds`` into ``out`` (raw collapsed stacks)."""
    py_spy = shutil.which("py-spy") or shutil.which("py-spy", path=str(VENV_BIN))
    if py_spy is None:
        print("py-spy is not installed: no profile (pip install py-spy)")
        return None
    command = [py_spy, "record", "--pid", str(pid), "--duration", str(int(seconds))]
    command += ["--format", "raw", "--output", str(out), "--nonblocking", "--gil"]
    return subprocess.Popen(pinned(command, cpu), stdout=subprocess.DEVNULL)


def _frames(stack: str) -> list[str]:
    names = []
    for frame in stack.split(";"):
        match = _FRAME.match(frame)
        if match is None:
            names.append(frame)
            continue
        where = match.group("file").rsplit("/", 2)
        names.append(f"{match.group('name')} ({'/'.join(where[-2:])})")
    return names


def hot_spots(raw: Path, top: int = 25) -> list[tuple[str, float, float]]:
    """(function, inclusive %, self %) for the ``top`` functions by inclusive share.

    Sampled with ``--gil`` (only the thread holding the GIL), so the shares are of the
    server's Python CPU time; gmpy2 and ``cryptography`` keep the GIL while they compute, so
    their time counts too, while waiting in SQLite's busy handler or in ``select`` does not.
    """
    inclusive: Counter[str] = Counter()
    own: Counter[str] = Counter()
    total = 0
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count, frames = int(count_text), _frames(stack)
        total += count
        for name in set(frames):
            inclusive[name] += count
        if frames:
            own[frames[-1]] += count
    if total == 0:
        return []
    ranked = inclusive.most_common(top)
    return [(name, 100 * n / total, 100 * own[name] / total) for name, n in ranked]
