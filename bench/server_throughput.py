"""Server throughput over HTTP on loopback: our server against moto's, with the same client.

Each server runs as its own process pinned to core 0 (``taskset -c 0``); the load generator
(``bench/loadgen.py``: worker processes with threads, keep-alive ``http.client`` connections)
is pinned to core 1. For each server, two runs: full SRP logins (InitiateAuth +
RespondToAuthChallenge, three tokens) and USER_PASSWORD_AUTH logins (one request, three
tokens). Reported: logins per second over the measured window (after a warm-up), p50/p99
latency of a whole login, errors, and the CPU used by the server process and by the load
generator during the window; a server near 100% of its core is the bottleneck, a load
generator near 100% means the figure is a floor.

moto accepts any SRP signature and keeps users in memory; ours checks the claim with real SRP
and writes to SQLite, so the comparison is of the work each actually does per login.

    .venv/bin/python bench/server_throughput.py [--duration 10] [--skip-moto] [--note "..."]
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from common import markdown_table, package_version, percentile_ms, report
from loadgen import LoadResult, LoadSpec, collect, start_workers
from profiling import hot_spots, start_py_spy
from servers import Target, cpu_seconds, moto, our_server, prepare

SERVER_CPU = 0
CLIENT_CPU = 1
SPAWN_SECONDS = 2.0
TARGET_SRP_PER_SECOND = 150


@dataclass(frozen=True)
class Options:
    duration: float
    warmup: float
    workers: int
    threads: int
    users: int
    profile: Path | None = None
    repeat: int = 3


@dataclass(frozen=True)
class RunSummary:
    """One (server, flow) run, measured over its window."""

    server: str
    flow: str
    rate: float
    p50_ms: float
    p99_ms: float
    completed: int
    errors: dict[str, int]
    server_cpu: float
    client_cpu: float
    # Logins/s of every repetition of this (server, flow); the row shown is the median one.
    rates: tuple[float, ...] = ()

    @property
    def server_ms_per_login(self) -> float:
        """Server CPU time per completed login: less sensitive than the rate to a noisy
        neighbour taking the core, as long as the server was saturated."""
        return 1000 * self.server_cpu * self.seconds / self.completed if self.completed else 0.0

    @property
    def seconds(self) -> float:
        return self.completed / self.rate if self.rate else 0.0


def median_run(runs: list[RunSummary]) -> RunSummary:
    """The run with the median rate, carrying every run's rate."""
    ordered = sorted(runs, key=lambda run: run.rate)
    return replace(ordered[(len(ordered) - 1) // 2], rates=tuple(run.rate for run in runs))


def specs_for(target: Target, flow: str, options: Options) -> list[LoadSpec]:
    """One LoadSpec per worker process, users dealt out between them."""
    start = time.time() + SPAWN_SECONDS
    end = start + options.warmup + options.duration
    return [
        LoadSpec(
            endpoint=target.endpoint,
            pool_id=target.pool_id,
            client_id=target.client_id,
            usernames=target.usernames[index :: options.workers],
            flow=flow,
            start_at=start,
            end_at=end,
            threads=options.threads,
            cpu=CLIENT_CPU,
        )
        for index in range(options.workers)
    ]


def _sleep_until(moment: float) -> None:
    time.sleep(max(0.0, moment - time.time()))


def _cpu_of(pids: list[int]) -> float:
    return sum(cpu_seconds(pid) for pid in pids)


def run_flow(target: Target, flow: str, options: Options) -> RunSummary:
    """Run one load against ``target`` and summarize its measured window."""
    specs = specs_for(target, flow, options)
    window = (specs[0].start_at + options.warmup, specs[0].end_at)
    processes, queue = start_workers(specs)
    worker_pids = [process.pid for process in processes]
    _sleep_until(window[0])
    server0, client0 = cpu_seconds(target.pid), _cpu_of(worker_pids)
    sampler = _maybe_profile(target, flow, options)
    _sleep_until(window[1])
    server1, client1 = cpu_seconds(target.pid), _cpu_of(worker_pids)
    result = collect(processes, queue)
    if sampler is not None:
        sampler.wait()
    seconds = window[1] - window[0]
    cpu = ((server1 - server0) / seconds, (client1 - client0) / seconds)
    return summarize(target.name, flow, result, window, cpu)


def _profile_path(target: Target, flow: str, options: Options) -> Path | None:
    if options.profile is None or not target.name.startswith("cognito-identity"):
        return None
    return options.profile / f"server-{flow}.txt"


def _maybe_profile(target: Target, flow: str, options: Options) -> subprocess.Popen[bytes] | None:
    """py-spy on our server for the measured window (pinned with the load generator)."""
    out = _profile_path(target, flow, options)
    if out is None:
        return None
    out.parent.mkdir(parents=True, exist_ok=True)
    return start_py_spy(target.pid, options.duration, out, CLIENT_CPU)


def summarize(
    server: str,
    flow: str,
    result: LoadResult,
    window: tuple[float, float],
    cpu: tuple[float, float],
) -> RunSummary:
    """Logins that ended inside the window, their rate and latency percentiles."""
    inside = [
        latency
        for ended, latency in zip(result.ends, result.latencies, strict=True)
        if window[0] <= ended < window[1]
    ]
    return RunSummary(
        server=server,
        flow=flow,
        rate=len(inside) / (window[1] - window[0]),
        p50_ms=percentile_ms(inside, 0.5),
        p99_ms=percentile_ms(inside, 0.99),
        completed=len(inside),
        errors=dict(result.errors),
        server_cpu=cpu[0],
        client_cpu=cpu[1],
    )


@contextmanager
def ours(workdir: Path, users: int) -> Iterator[Target]:
    with our_server(workdir / "data", SERVER_CPU) as (endpoint, pid, pool_id, client_id):
        yield prepare("cognito-identity (SQLite)", endpoint, pid, users, (pool_id, client_id))


@contextmanager
def motos(workdir: Path, users: int) -> Iterator[Target]:
    with moto(workdir, SERVER_CPU) as (endpoint, pid):
        yield prepare(f"moto_server {package_version('moto')}", endpoint, pid, users, None)


def run_all(options: Options, skip_moto: bool) -> list[RunSummary]:
    """Both flows against our server, then against moto's."""
    servers: list[Callable[[Path, int], AbstractContextManager[Target]]] = [ours]
    if not skip_moto:
        servers.append(motos)
    summaries = []
    with tempfile.TemporaryDirectory(prefix="cognito-bench-") as tmp:
        for server in servers:
            with server(Path(tmp), options.users) as target:
                for flow in ("srp", "password"):
                    runs = []
                    for _ in range(options.repeat):
                        runs.append(run_flow(target, flow, options))
                        print(_line(runs[-1]), flush=True)
                    summaries.append(median_run(runs))
    return summaries


def _line(summary: RunSummary) -> str:
    return (
        f"{summary.server:28} {summary.flow:9} {summary.rate:8.1f}/s p50 {summary.p50_ms:6.1f} ms"
        f" p99 {summary.p99_ms:6.1f} ms server cpu {summary.server_cpu:4.0%}"
        f" client cpu {summary.client_cpu:4.0%} errors {summary.errors or 0}"
    )


def table(summaries: list[RunSummary]) -> str:
    headers = ["server", "flow", "logins/s", "p50 ms", "p99 ms", "logins", "errors"]
    headers += ["server CPU", "server CPU ms/login", "load-gen CPU", "logins/s of each run"]
    rows = [
        [
            s.server,
            "USER_SRP_AUTH (2 requests)" if s.flow == "srp" else "USER_PASSWORD_AUTH (1 request)",
            s.rate,
            s.p50_ms,
            s.p99_ms,
            s.completed,
            sum(s.errors.values()),
            f"{s.server_cpu:.0%}",
            s.server_ms_per_login,
            f"{s.client_cpu:.0%}",
            ", ".join(f"{rate:.0f}" for rate in s.rates),
        ]
        for s in summaries
    ]
    return markdown_table(headers, rows)


def notes(summaries: list[RunSummary], options: Options, extra: str) -> str:
    """How the run was made, and the SRP target met or missed."""
    lines = [
        f"Server pinned to core {SERVER_CPU}, load generator to core {CLIENT_CPU}: "
        f"{options.workers} processes x {options.threads} threads, keep-alive http.client "
        f"connections, {options.users} users, {options.warmup:g} s warm-up then "
        f"{options.duration:g} s measured, {options.repeat} times per row (the median run is "
        "shown). The client's A values are precomputed and g^x cached (see bench/loadgen.py).",
    ]
    for s in summaries:
        if s.errors:
            lines.append(f"- Errors, {s.server} {s.flow}: {s.errors}")
    for s in summaries:
        if s.server.startswith("cognito-identity") and s.flow == "srp":
            met = s.rate >= TARGET_SRP_PER_SECOND
            verdict = "met" if met else "MISSED"
            lines.append(
                f"- Target >= {TARGET_SRP_PER_SECOND} SRP logins/s on one core: {verdict} "
                f"({s.rate:.0f}/s, median of {len(s.rates) or 1} runs)"
            )
    if extra:
        lines.append(f"\nConditions: {extra}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per run")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds first")
    parser.add_argument("--workers", type=int, default=2, help="load processes on core 1")
    parser.add_argument("--threads", type=int, default=6, help="threads per load process")
    parser.add_argument("--users", type=int, default=48, help="users signed up per server")
    parser.add_argument("--skip-moto", action="store_true", help="only our server")
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per server and flow (the median is shown)"
    )
    parser.add_argument("--note", default="", help="conditions of the run, recorded as is")
    parser.add_argument(
        "--profile", type=Path, default=None, help="py-spy our server into this folder"
    )
    args = parser.parse_args()
    options = Options(
        args.duration,
        args.warmup,
        args.workers,
        args.threads,
        args.users,
        args.profile,
        max(1, args.repeat),
    )
    summaries = run_all(options, args.skip_moto)
    report(
        "server_throughput",
        "Server throughput (HTTP, loopback)",
        table(summaries),
        notes(summaries, options, args.note),
    )
    if options.profile is not None:
        print_profiles(options.profile)


def print_profiles(folder: Path) -> None:
    """The hottest functions of each profiled run (inclusive and self share of samples)."""
    for raw in sorted(folder.glob("server-*.txt")):
        rows = [[name, inclusive, own] for name, inclusive, own in hot_spots(raw)]
        print(f"\n{raw.name}: share of the server's busy samples\n")
        print(markdown_table(["function", "inclusive %", "self %"], rows))


if __name__ == "__main__":
    main()
