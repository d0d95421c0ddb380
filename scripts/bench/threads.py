#!/usr/bin/env python3
"""Time threads and the GIL under gilded and python3, side by side.

Usage:
    python3 scripts/bench/threads.py --runs 5 [--markdown FILE] [--gilded PATH]
                                     [--timeout SECONDS] [--only NAME,...]

NAMEs: cpu, sleep, pingpong, overhead, start (default: all). With no arguments at
all it prints this help and exits 0: scripts/bench/run.py runs every
scripts/bench/*.py as a whole-program benchmark, so a bare run must be trivial.

Each measurement runs its scripts/bench/threads_*.py workload under both
interpreters in the same session, alternating, --runs times (at least 5 for the
table), and takes medians of the times the workloads measure themselves (start-up
excluded):

  cpu       CPU-bound jobs in 2 and 4 threads vs the same jobs one after the other:
            the median of the paired ratios threads/sequential (target 0.95..1.15 at
            gilded's defaults); gilded also at N=100 and N=1 (smaller jobs) and
            under each policy;
  sleep     20 threads each sleeping 0.1 s: total seconds (target <= 0.11 s);
  pingpong  two threads ping-ponging through two Events: round trip in us
            (target: no slower than python3), also with both interpreters pinned
            to one core, which takes the OS's placement of the threads out;
  overhead  the single-thread benchmarks of run.py under gilded at its default
            switch interval vs N=0 (never hand off at an instruction boundary):
            the GIL's cost to a program with one thread, as the median of the
            paired (back-to-back) time ratios (target <= 3%, geometric mean);
  start     start() + join() of a thread running an empty function: median us
            (target <= 30 us), also pinned to one core.

It prints a markdown section (targets, gilded, python3, ratio, pass/fail) for
BENCHMARKS.md and, with --markdown, writes it to FILE. Stdlib only.
"""
import sys

if __name__ == "__main__" and len(sys.argv) == 1:
    print(__doc__.strip())
    sys.exit(0)

import argparse  # noqa: E402  (after the bare-run guard, which must run under gilded too)
import datetime  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as single_thread_bench  # noqa: E402  (run.py: find_benchmarks, run_once)

REPO = HERE.parent.parent
ALL = ("cpu", "sleep", "pingpong", "overhead", "start")

# CPU-bound job sizes (iterations of crunch() per job): big enough that a run of 4
# jobs takes a few tenths of a second; small at N=1, where every instruction may be
# a hand-off costing microseconds.
CPU_N = 1_500_000
CPU_N_100 = 300_000
CPU_N_1 = 2_500


class Failure(Exception):
    """A workload failed to run or printed something unexpected."""


def run_workload(cmd, script, args, timeout):
    """Run `cmd script args...` in scripts/bench; return the key=value pairs it printed."""
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    for var in ("GILDED_SWITCH_INTERVAL", "GILDED_GIL_POLICY"):
        env.pop(var, None)  # only the flags in `cmd` choose the settings
    try:
        p = subprocess.run(cmd + [script] + args, cwd=HERE, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise Failure(f"{' '.join(cmd)} {script} {' '.join(args)}: timed out after {timeout} s")
    if p.returncode != 0:
        tail = p.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        raise Failure(f"{' '.join(cmd)} {script} {' '.join(args)}: exit code {p.returncode}: "
                      + " | ".join(tail))
    values = {}
    for word in p.stdout.decode("utf-8", "replace").split():
        key, sep, value = word.partition("=")
        if sep:
            values[key] = value
    return values


def alternate(configs, runs, measure_one):
    """Call measure_one(config) `runs` times per config, interleaving the configs and
    reversing their order every other round, so drift in the machine's state favours
    none; return {config name: [values]}."""
    results = {name: [] for name, _ in configs}
    for i in range(runs):
        order = list(configs) if i % 2 == 0 else list(reversed(configs))
        for name, config in order:
            results[name].append(measure_one(config))
    return results


class Table:
    """The rows of the markdown section."""

    def __init__(self):
        self.rows = []
        self.failures = 0

    def add(self, what, target, gilded, python3="—", ratio="—", verdict="—"):
        self.rows.append((what, target, gilded, python3, ratio, verdict))
        if verdict == "**fail**":
            self.failures += 1

    def markdown(self):
        lines = ["| measurement | target | gilded | python3 | gilded/python3 | result |",
                 "| --- | --- | ---: | ---: | ---: | --- |"]
        for row in self.rows:
            lines.append("| " + " | ".join(row) + " |")
        return "\n".join(lines)


def finish(section, failed, markdown):
    """Print the report section (and write it to `markdown` if given); exit 1 if any
    workload failed to run."""
    if failed:
        section += ["", "Failed to run: " + "; ".join(failed)]
    text = "\n".join(section) + "\n"
    print()
    print(text, end="")
    if markdown:
        Path(markdown).write_text(text)
        print(f"\n(written to {markdown})")
    sys.exit(1 if failed else 0)


def verdict(ok):
    return "pass" if ok else "**fail**"


def bench_cpu(table, gilded, python, runs, timeout, default_n, default_policy):
    configs = [
        ("python3", ([python], CPU_N)),
        ("gilded", ([gilded], CPU_N)),
        ("gilded N=100", ([gilded, "--switch-interval", "100"], CPU_N_100)),
        ("gilded N=1", ([gilded, "--switch-interval", "1"], CPU_N_1)),
    ]
    for policy in ("fair", "greedy", "timed"):
        configs.append((f"gilded {policy}", ([gilded, "--gil-policy", policy], CPU_N)))

    def one(config):
        cmd, n = config
        ratios = {}
        for jobs in (2, 4):
            seq = run_workload(cmd, "threads_cpu.py", ["mode=seq", f"jobs={jobs}", f"n={n}"], timeout)
            thr = run_workload(cmd, "threads_cpu.py", ["mode=threads", f"jobs={jobs}", f"n={n}"], timeout)
            if seq["checksum"] != thr["checksum"]:
                raise Failure(f"{' '.join(cmd)}: checksums differ: {seq['checksum']} vs {thr['checksum']}")
            ratios[jobs] = (float(thr["seconds"]) / float(seq["seconds"]), float(seq["seconds"]))
        return ratios

    results = alternate(configs, runs, one)
    med = {name: {jobs: statistics.median(r[jobs][0] for r in rs) for jobs in (2, 4)}
           for name, rs in results.items()}
    seq_time = {name: {jobs: statistics.median(r[jobs][1] for r in rs) for jobs in (2, 4)}
                for name, rs in results.items()}
    for jobs in (2, 4):
        g, p = med["gilded"][jobs], med["python3"][jobs]
        table.add(f"CPU-bound, {jobs} threads / sequential (gilded defaults: {default_policy}, "
                  f"N={default_n}; sequential {seq_time['gilded'][jobs]:.3f} s)",
                  "0.95–1.15", f"{g:.3f}", f"{p:.3f}", f"{g / p:.2f}", verdict(0.95 <= g <= 1.15))
    for name, note in (("gilded N=100", f"{CPU_N_100:,} iterations/job"),
                       ("gilded N=1", f"{CPU_N_1:,} iterations/job")):
        for jobs in (2, 4):
            table.add(f"CPU-bound, {jobs} threads / sequential, {name[7:]} ({note})", "report",
                      f"{med[name][jobs]:.3f}")
    for policy in ("fair", "greedy", "timed"):
        name = f"gilded {policy}"
        for jobs in (2, 4):
            table.add(f"CPU-bound, {jobs} threads / sequential, policy {policy} (N={default_n})",
                      "report", f"{med[name][jobs]:.3f}")


def bench_sleep(table, gilded, python, runs, timeout):
    configs = [("python3", [python]), ("gilded", [gilded])]
    results = alternate(configs, runs, lambda cmd: float(
        run_workload(cmd, "threads_sleep.py", ["threads=20", "sleep=0.1"], timeout)["seconds"]))
    g, p = statistics.median(results["gilded"]), statistics.median(results["python3"])
    table.add("20 threads each sleeping 0.1 s: total (s)", "≤ 0.110", f"{g:.4f}", f"{p:.4f}",
              f"{g / p:.2f}", verdict(g <= 0.110))


def bench_pingpong(table, gilded, python, runs, timeout):
    configs = [("python3", [python]), ("gilded", [gilded])]
    for policy in ("fair", "greedy", "timed"):
        configs.append((f"gilded {policy}", [gilded, "--gil-policy", policy]))
    # Pinned to one core, a round trip costs what the interpreters do; unpinned, it
    # also depends on whether the OS put the two threads on the same core (a wake-up
    # across cores costs tens of microseconds on this kind of VM).
    taskset = shutil.which("taskset")
    if taskset:
        configs += [("python3 pinned", [taskset, "-c", "0", python]),
                    ("gilded pinned", [taskset, "-c", "0", gilded])]
    results = alternate(configs, runs, lambda cmd: float(
        run_workload(cmd, "threads_pingpong.py", ["rounds=2000"], timeout)["us_per_round_trip"]))
    p = statistics.median(results["python3"])
    g = statistics.median(results["gilded"])
    table.add("Event ping-pong between 2 threads: round trip (µs)", "≤ python3", f"{g:.1f}",
              f"{p:.1f}", f"{g / p:.2f}", verdict(g <= p))
    if taskset:
        pp = statistics.median(results["python3 pinned"])
        gp = statistics.median(results["gilded pinned"])
        table.add("Event ping-pong round trip (µs), both pinned to one core (`taskset -c 0`)",
                  "≤ python3", f"{gp:.1f}", f"{pp:.1f}", f"{gp / pp:.2f}", verdict(gp <= pp))
    for policy in ("fair", "greedy", "timed"):
        v = statistics.median(results[f"gilded {policy}"])
        table.add(f"Event ping-pong round trip (µs), policy {policy}", "report", f"{v:.1f}",
                  f"{p:.1f}", f"{v / p:.2f}")


def bench_start(table, gilded, python, runs, timeout):
    configs = [("python3", [python]), ("gilded", [gilded])]
    taskset = shutil.which("taskset")
    if taskset:  # as for pingpong: without the cost of waking a second core
        configs += [("python3 pinned", [taskset, "-c", "0", python]),
                    ("gilded pinned", [taskset, "-c", "0", gilded])]
    results = alternate(configs, runs, lambda cmd: run_workload(
        cmd, "threads_start.py", ["count=2000"], timeout))

    def med(who, key):
        return statistics.median(float(r[key]) for r in results[who])

    g, p = med("gilded", "median_us"), med("python3", "median_us")
    table.add("thread start() + join(), empty function: median (µs)", "≤ 30", f"{g:.1f}",
              f"{p:.1f}", f"{g / p:.2f}", verdict(g <= 30))
    if taskset:
        g, p = med("gilded pinned", "median_us"), med("python3 pinned", "median_us")
        table.add("thread start() + join(): median (µs), both pinned to one core", "≤ 30",
                  f"{g:.1f}", f"{p:.1f}", f"{g / p:.2f}", verdict(g <= 30))
    for key, label in (("p90_us", "90th percentile"), ("mean_us", "mean")):
        g, p = med("gilded", key), med("python3", key)
        table.add(f"thread start() + join(), empty function: {label} (µs)", "report", f"{g:.1f}",
                  f"{p:.1f}", f"{g / p:.2f}")


def bench_overhead(table, gilded, runs, timeout, default_n):
    benches = single_thread_bench.find_benchmarks([])
    configs = [("default", [gilded]), ("N=0", [gilded, "--switch-interval", "0"])]
    overheads = []
    for bench in benches:
        outputs = set()

        def one(cmd):
            seconds, out, err = single_thread_bench.run_once(cmd, bench, timeout)
            if err:
                raise Failure(f"{bench.stem} under {' '.join(cmd)}: {err}")
            outputs.add(out)
            return seconds

        results = alternate(configs, runs, one)
        if len(outputs) != 1:
            raise Failure(f"{bench.stem}: output differs between N=0 and the default")
        d, z = statistics.median(results["default"]), statistics.median(results["N=0"])
        # The two runs of a round are back to back: their ratio is spared the machine's
        # slow drift, so the median of the paired ratios is the steadier estimate.
        ratio = statistics.median(a / b for a, b in zip(results["default"], results["N=0"]))
        pct = (ratio - 1) * 100
        overheads.append((ratio, bench.stem))
        table.add(f"single-thread overhead, {bench.stem}: N={default_n} {d:.3f} s vs N=0 {z:.3f} s "
                  f"(medians; overhead from paired runs)",
                  "report", f"{pct:+.1f}%")
        print(f"  overhead {bench.stem}: {pct:+.1f}%", flush=True)
    geo = (math.exp(sum(math.log(r) for r, _ in overheads) / len(overheads)) - 1) * 100
    worst, worst_name = max(overheads)
    table.add(f"single-thread GIL overhead, default N vs N=0: geometric mean over {len(overheads)} "
              f"benchmarks (worst: {worst_name} {(worst - 1) * 100:+.1f}%)",
              "≤ 3%", f"{geo:+.1f}%", "—", "—", verdict(geo <= 3))


def gilded_defaults(gilded):
    p = subprocess.run([gilded, "-c", "import gil; print(gil.switch_interval(), gil.policy())"],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=30,
                       env={k: v for k, v in os.environ.items()
                            if k not in ("GILDED_SWITCH_INTERVAL", "GILDED_GIL_POLICY")})
    if p.returncode != 0:
        sys.exit("gilded has no GIL statistics yet: " + p.stderr.decode("utf-8", "replace").strip())
    n, policy = p.stdout.decode().split()
    return n, policy


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gilded", default=str(REPO / "target" / "release" / "gilded"),
                    help="gilded binary (default: target/release/gilded)")
    ap.add_argument("--runs", type=int, default=5, help="runs per configuration (default 5)")
    ap.add_argument("--markdown", metavar="FILE", help="also write the section to FILE")
    ap.add_argument("--timeout", type=float, default=300, help="seconds before one run is abandoned")
    ap.add_argument("--only", default=",".join(ALL), help=f"comma-separated subset of {','.join(ALL)}")
    args = ap.parse_args()
    only = [x.strip() for x in args.only.split(",") if x.strip()]
    unknown = [x for x in only if x not in ALL]
    if unknown:
        ap.error(f"unknown measurement(s) {', '.join(unknown)}; choose from {', '.join(ALL)}")
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    gilded = Path(args.gilded)
    gilded = (gilded if gilded.is_absolute() else Path.cwd() / gilded).resolve()
    if not gilded.is_file():
        sys.exit(f"gilded binary not found: {gilded} (build it with `cargo build --release`)")
    gilded = str(gilded)
    python = os.path.realpath(sys.executable)
    py_version = ".".join(map(str, sys.version_info[:3]))
    default_n, default_policy = gilded_defaults(gilded)
    print(f"gilded:  {gilded} (default policy {default_policy}, switch interval {default_n})")
    print(f"python3: {python} ({sys.implementation.name} {py_version})")
    print(f"runs per configuration: {args.runs}, alternating", flush=True)

    table = Table()
    failed = []
    steps = {
        "cpu": lambda: bench_cpu(table, gilded, python, args.runs, args.timeout, default_n, default_policy),
        "sleep": lambda: bench_sleep(table, gilded, python, args.runs, args.timeout),
        "pingpong": lambda: bench_pingpong(table, gilded, python, args.runs, args.timeout),
        "overhead": lambda: bench_overhead(table, gilded, args.runs, args.timeout, default_n),
        "start": lambda: bench_start(table, gilded, python, args.runs, args.timeout),
    }
    for name in only:
        t0 = time.perf_counter()
        print(f"{name} ...", flush=True)
        try:
            steps[name]()
        except Failure as e:
            failed.append(f"{name}: {e}")
            table.add(f"{name}", "—", "failed", "—", "—", "**fail**")
            print(f"  FAILED: {e}", flush=True)
        print(f"{name} done in {time.perf_counter() - t0:.0f} s", flush=True)

    section = [
        f"## Threads and the GIL, {datetime.date.today().isoformat()}",
        "",
        "`python3 scripts/bench/threads.py --runs "
        f"{args.runs}`: every measurement alternates gilded and python3 in the same session; "
        "each value is the median over the runs of what the workload measured itself "
        "(interpreter start-up excluded). Ratios below 1 mean gilded is faster.",
        "",
        table.markdown(),
        "",
        f"Machine: {os.cpu_count()} cores. Timed python3: `{python}` ({sys.implementation.name} "
        f"{py_version}); gilded: `{gilded}` (defaults: policy {default_policy}, switch interval "
        f"{default_n} instructions); {args.runs} runs each.",
    ]
    finish(section, failed, args.markdown)


if __name__ == "__main__":
    main()
