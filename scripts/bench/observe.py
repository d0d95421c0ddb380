#!/usr/bin/env python3
"""What watching the GIL costs: gilded's recording, measured against a build without it.

Usage:
    python3 scripts/bench/observe.py --baseline PATH [--gilded PATH] [--runs 5]
                                     [--markdown FILE] [--timeout SECONDS]

PATH is a gilded binary built from a commit before the statistics of issue 5 (the
per-lock profiles, blocked reasons and trace), e.g. from e4bab26:
    git worktree add /tmp/before e4bab26
    CARGO_TARGET_DIR=/tmp/before-target cargo build --release --manifest-path /tmp/before/Cargo.toml

Each workload runs under three configurations, alternating, --runs times each:
  before    the baseline binary;
  counters  this build with no option (the counters are always on);
  tracing   this build with --trace FILE --timeline (every state change recorded,
            the trace and the picture written at exit);
and under python3 for reference. The workloads: every single-thread benchmark of
run.py, observe_locks.py (a million uncontended `with lock:`, where the per-lock
counters cost the most) and threads_pingpong.py (two threads handing the GIL over
through Events 20,000 times: the most trace events per second). The overheads are
medians of paired ratios (runs of a round are back to back), and the targets are
counters ≤ 2% and tracing ≤ 20% (geometric means over the single-thread suite).
With no arguments at all it prints this help and exits 0 (run.py runs every
scripts/bench/*.py, so a bare run must be trivial). Stdlib only.
"""
import sys

if __name__ == "__main__" and len(sys.argv) == 1:
    print(__doc__.strip())
    sys.exit(0)

import argparse  # noqa: E402  (after the bare-run guard, which must run under gilded too)
import datetime  # noqa: E402
import math  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import run as single_thread_bench  # noqa: E402
from threads import Failure, Table, alternate, finish, verdict  # noqa: E402

REPO = HERE.parent.parent


def measure(bench, configs, runs, timeout):
    """Wall seconds per config for one workload, checking every config prints the same."""
    outputs = {}

    def one(cmd):
        seconds, out, err = single_thread_bench.run_once(cmd, bench, timeout)
        if err:
            raise Failure(f"{bench.stem} under {' '.join(cmd)}: {err}")
        outputs[tuple(cmd)] = out
        return seconds

    results = alternate(configs, runs, one)
    if len(set(outputs.values())) != 1:
        raise Failure(f"{bench.stem}: the configurations printed different output")
    return results


def paired(results, a, b):
    """Median of the back-to-back ratios a/b."""
    return statistics.median(x / y for x, y in zip(results[a], results[b]))


def geo_mean(ratios):
    return math.exp(sum(math.log(r) for r in ratios) / len(ratios))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--baseline", required=True, help="gilded built before the statistics")
    ap.add_argument("--gilded", default=str(REPO / "target" / "release" / "gilded"))
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--timeout", type=float, default=120)
    ap.add_argument("--markdown")
    args = ap.parse_args()
    trace_file = Path(tempfile.gettempdir()) / f"gilded-observe-bench-{os.getpid()}.json"
    configs = [
        ("before", [args.baseline]),
        ("counters", [args.gilded]),
        ("tracing", [args.gilded, "--trace", str(trace_file), "--timeline"]),
        ("python3", [sys.executable]),
    ]
    suite = single_thread_bench.find_benchmarks([])
    extra = [HERE / "observe_locks.py", HERE / "threads_pingpong.py"]
    table = Table()
    failed = []
    counter_ratios, trace_ratios = [], []
    for bench in suite + extra:
        name = bench.stem
        try:
            results = measure(bench, configs, args.runs, args.timeout)
        except Failure as e:
            failed.append(str(e))
            continue
        med = {k: statistics.median(v) for k, v in results.items()}
        counters = paired(results, "counters", "before")
        tracing = paired(results, "tracing", "counters")
        if bench in suite:
            counter_ratios.append(counters)
            trace_ratios.append(tracing)
        table.add(f"{name}: before {med['before']:.3f} s, counters {med['counters']:.3f} s, "
                  f"tracing {med['tracing']:.3f} s",
                  "report", f"counters {(counters - 1) * 100:+.1f}%, tracing {(tracing - 1) * 100:+.1f}%",
                  f"{med['python3']:.3f} s", f"{med['counters'] / med['python3']:.2f}")
        print(f"  {name}: counters {(counters - 1) * 100:+.1f}%, tracing {(tracing - 1) * 100:+.1f}%",
              flush=True)
    trace_file.unlink(missing_ok=True)
    if counter_ratios:
        c, t = geo_mean(counter_ratios), geo_mean(trace_ratios)
        table.add(f"always-on counters vs the build before them, geometric mean over "
                  f"{len(counter_ratios)} single-thread benchmarks", "≤ 2%", f"{(c - 1) * 100:+.1f}%",
                  verdict=verdict(c <= 1.02))
        table.add(f"full tracing (--trace, --timeline) vs counters only, geometric mean over "
                  f"{len(trace_ratios)} single-thread benchmarks", "≤ 20%", f"{(t - 1) * 100:+.1f}%",
                  verdict=verdict(t <= 1.20))
    today = datetime.date.today().isoformat()
    section = [f"## Watching the GIL, {today}", "",
               f"`python3 scripts/bench/observe.py --runs {args.runs} --baseline BEFORE`; "
               "medians of wall time, overheads as medians of paired ratios.", "",
               table.markdown()]
    finish(section, failed, args.markdown)


if __name__ == "__main__":
    main()
