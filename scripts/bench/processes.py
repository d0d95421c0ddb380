#!/usr/bin/env python3
"""Time processes under gilded and python3 (fork and spawn start methods), side by side.

Usage:
    python3 scripts/bench/processes.py --runs 5 [--markdown FILE] [--gilded PATH]
                                       [--timeout SECONDS] [--only NAME,...]

NAMEs: cpu, start, pool (default: all). With no arguments at all it prints this help
and exits 0 (a bare run must be trivial).

Each measurement runs its scripts/bench/processes_*.py workload under every
configuration in the same session, alternating (order reversed every other round),
--runs times, and takes medians of what the workloads measure themselves
(interpreter start-up excluded):

  cpu    2 CPU-bound jobs in 2 processes vs the same jobs one after the other (the
         median of the paired ratios processes/sequential; target <= 0.6 on 2 cores,
         process start-up included), and the same jobs in 2 threads (about 1.0);
         gilded also with its builtin spawn_process;
  start  start() + join() of a process running an empty function: median over 30
         (after one warm-up), Process under each start method, gilded's
         spawn_process, and a thread for scale;
  pool   Pool(2): creation (until both workers answered a first map), then map() of
         a trivial function over 2,000 items.

It prints a markdown section for BENCHMARKS.md and, with --markdown, writes it to
FILE. Stdlib only.
"""
import sys

if __name__ == "__main__" and len(sys.argv) == 1:
    print(__doc__.strip())
    sys.exit(0)

import argparse  # noqa: E402
import datetime  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent

# The thread benchmarks' runner (threads.py) supplies the shared plumbing.
from threads import Failure, alternate, finish, run_workload, verdict  # noqa: E402
REPO = HERE.parent.parent
ALL = ("cpu", "start", "pool")
CPU_N = 6_000_000  # iterations of crunch() per job: about half a second sequentially for 2
START_COUNT = 30
POOL_ITEMS = 2000


class Table:
    def __init__(self):
        self.rows = []

    def add(self, what, target, gilded, fork="—", spawn="—", ratio="—", verdict="—"):
        self.rows.append((what, target, gilded, fork, spawn, ratio, verdict))

    def markdown(self):
        lines = ["| measurement | target | gilded | python3 fork | python3 spawn | gilded/python3 spawn | result |",
                 "| --- | --- | ---: | ---: | ---: | ---: | --- |"]
        for row in self.rows:
            lines.append("| " + " | ".join(row) + " |")
        return "\n".join(lines)


def fmt(v, spec):
    return "pending" if v is None else format(v, spec)


def configs_for(gilded, python):
    configs = [("python3 fork", ([python], "fork")), ("python3 spawn", ([python], "spawn"))]
    if gilded:
        configs.append(("gilded", ([gilded], "default")))
    return configs


def bench_cpu(table, gilded, python, runs, timeout):
    configs = configs_for(gilded, python)
    if gilded:
        configs.append(("gilded spawn_process", ([gilded], "spawn_process")))

    def one(config):
        cmd, method = config
        mode = "spawn_process" if method == "spawn_process" else "processes"
        m = "default" if method == "spawn_process" else method
        seq = run_workload(cmd, "processes_cpu.py", ["mode=seq", "jobs=2", f"n={CPU_N}"], timeout)
        par = run_workload(cmd, "processes_cpu.py", [f"mode={mode}", "jobs=2", f"n={CPU_N}", f"method={m}"],
                           timeout)
        thr = run_workload(cmd, "processes_cpu.py", ["mode=threads", "jobs=2", f"n={CPU_N}"], timeout)
        if not seq["checksum"] == par["checksum"] == thr["checksum"]:
            raise Failure(f"{' '.join(cmd)}: checksums differ")
        s = float(seq["seconds"])
        return float(par["seconds"]) / s, float(thr["seconds"]) / s, s

    res = alternate(configs, runs, one)
    med = {name: [statistics.median(r[i] for r in rs) for i in range(3)] for name, rs in res.items()}
    g = med.get("gilded")
    f, sp = med["python3 fork"], med["python3 spawn"]
    table.add(f"CPU-bound, 2 processes / sequential (2 × {CPU_N:,} iterations; start-up included; "
              f"sequential: gilded {fmt(g and g[2], '.3f')} s, python3 {f[2]:.3f} s)",
              "≤ 0.6", fmt(g and g[0], ".3f"), f"{f[0]:.3f}", f"{sp[0]:.3f}",
              "—" if not g else f"{g[0] / sp[0]:.2f}", "pending" if not g else verdict(g[0] <= 0.6))
    if gilded:
        s = med["gilded spawn_process"]
        table.add("CPU-bound, 2 `spawn_process` children / sequential", "≤ 0.6", f"{s[0]:.3f}",
                  "—", "—", "—", verdict(s[0] <= 0.6))
    table.add("CPU-bound, 2 threads / sequential (same jobs)", "report", fmt(g and g[1], ".3f"),
              f"{f[1]:.3f}", f"{sp[1]:.3f}", "—" if not g else f"{g[1] / sp[1]:.2f}")


def bench_start(table, gilded, python, runs, timeout):
    configs = configs_for(gilded, python)
    if gilded:
        configs.append(("gilded spawn_process", ([gilded], "spawn_process")))
        configs.append(("gilded thread", ([gilded], "thread")))
    configs.append(("python3 thread", ([python], "thread")))

    def one(config):
        cmd, method = config
        if method in ("spawn_process", "thread"):
            args = [f"kind={method}", f"count={START_COUNT}"]
        else:
            args = ["kind=process", f"count={START_COUNT}", f"method={method}"]
        return float(run_workload(cmd, "processes_start.py", args, timeout)["median_us"])

    res = alternate(configs, runs, one)
    med = {name: statistics.median(v) for name, v in res.items()}
    g = med.get("gilded")
    table.add(f"Process start() + join(), empty function: median of {START_COUNT} (µs)", "report",
              fmt(g, ".0f"), f"{med['python3 fork']:.0f}", f"{med['python3 spawn']:.0f}",
              "—" if g is None else f"{g / med['python3 spawn']:.2f}")
    if gilded:
        s = med["gilded spawn_process"]
        table.add(f"`spawn_process(f).join()`, empty function: median of {START_COUNT} (µs)", "report",
                  f"{s:.0f}", "—", f"{med['python3 spawn']:.0f}", f"{s / med['python3 spawn']:.2f}")
    gt = med.get("gilded thread")
    table.add(f"thread start() + join(), for scale: median of {START_COUNT} (µs)", "report",
              fmt(gt, ".1f"), f"{med['python3 thread']:.1f}", "—", "—")


def bench_pool(table, gilded, python, runs, timeout):
    configs = configs_for(gilded, python)

    def one(config):
        cmd, method = config
        v = run_workload(cmd, "processes_pool.py", [f"items={POOL_ITEMS}", "workers=2", f"method={method}"],
                         timeout)
        return float(v["create_s"]), float(v["map_s"])

    res = alternate(configs, runs, one)
    med = {name: (statistics.median(a for a, _ in v), statistics.median(b for _, b in v))
           for name, v in res.items()}
    g = med.get("gilded")
    f, sp = med["python3 fork"], med["python3 spawn"]
    table.add("Pool(2) creation, until both workers answered (ms)", "report",
              fmt(g and g[0] * 1e3, ".1f"), f"{f[0] * 1e3:.1f}", f"{sp[0] * 1e3:.1f}",
              "—" if not g else f"{g[0] / sp[0]:.2f}")
    table.add(f"Pool(2).map(inc, range({POOL_ITEMS:,})): per item (µs)", "report",
              fmt(g and g[1] / POOL_ITEMS * 1e6, ".2f"), f"{f[1] / POOL_ITEMS * 1e6:.2f}",
              f"{sp[1] / POOL_ITEMS * 1e6:.2f}", "—" if not g else f"{g[1] / sp[1]:.2f}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gilded", default=str(REPO / "target" / "release" / "gilded"))
    ap.add_argument("--no-gilded", action="store_true",
                    help="python3 only (gilded's columns say pending)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--markdown", metavar="FILE")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--only", default=",".join(ALL))
    args = ap.parse_args()
    only = [x.strip() for x in args.only.split(",") if x.strip()]
    unknown = [x for x in only if x not in ALL]
    if unknown:
        ap.error(f"unknown measurement(s) {', '.join(unknown)}; choose from {', '.join(ALL)}")

    gilded = None
    if not args.no_gilded:
        g = Path(args.gilded)
        g = (g if g.is_absolute() else Path.cwd() / g).resolve()
        if not g.is_file():
            sys.exit(f"gilded binary not found: {g} (build it with `cargo build --release`)")
        gilded = str(g)
    python = os.path.realpath(sys.executable)
    py_version = ".".join(map(str, sys.version_info[:3]))
    print(f"gilded:  {gilded or 'not measured'}")
    print(f"python3: {python} ({sys.implementation.name} {py_version})")
    print(f"runs per configuration: {args.runs}, alternating", flush=True)

    table = Table()
    failed = []
    steps = {"cpu": bench_cpu, "start": bench_start, "pool": bench_pool}
    for name in only:
        t0 = time.perf_counter()
        print(f"{name} ...", flush=True)
        try:
            steps[name](table, gilded, python, args.runs, args.timeout)
        except Failure as e:
            failed.append(f"{name}: {e}")
            table.add(name, "—", "failed", "—", "—", "—", "**fail**")
            print(f"  FAILED: {e}", flush=True)
        print(f"{name} done in {time.perf_counter() - t0:.0f} s", flush=True)

    section = [
        f"## Processes, {datetime.date.today().isoformat()}",
        "",
        f"`python3 scripts/bench/processes.py --runs {args.runs}`: every measurement alternates "
        "gilded, python3 with the fork start method and python3 with spawn, in the same session; "
        "each value is the median over the runs of what the workload measured itself "
        "(interpreter start-up excluded, process start-up included where processes are used). "
        "gilded has one start method, which re-executes its binary like CPython's spawn: compare "
        "with that column.",
        "",
        table.markdown(),
        "",
        f"Machine: {os.cpu_count()} cores. Timed python3: `{python}` ({sys.implementation.name} "
        f"{py_version}); gilded: `{gilded or 'pending'}`; {args.runs} runs each.",
    ]
    finish(section, failed, args.markdown)


if __name__ == "__main__":
    main()
