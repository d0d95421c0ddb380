#!/usr/bin/env python3
"""Time the whole-program benchmarks under gilded and under CPython.

For every scripts/bench/*.py benchmark (this runner excluded) it runs the
program under the gilded binary and under the python3 interpreter that is
running this script (sys.executable, resolved), alternating between the two,
--runs times each, and checks that both print the same output (the benchmarks
print a checksum).  A benchmark whose gilded output differs from CPython's, or
whose gilded run fails, is reported as a mismatch and gets no timing: a wrong
answer is never timed as if it were fine.

It prints a markdown table

    benchmark | gilded median (s) | python3 median (s) | ratio gilded/python3

followed by the geometric mean of the ratios and the worst ratio.

Usage:
    python3 scripts/bench/run.py [--gilded PATH] [--runs N] [--markdown FILE]
                                 [--timeout SECONDS] [BENCH ...]

BENCH names (e.g. fib, strings) restrict the run to those benchmarks.
Stdlib only.
"""
import argparse
import math
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent


def find_benchmarks(names):
    # threads*.py, processes*.py and observe*.py are the thread, process and
    # observability benchmarks and their runners (scripts/bench/threads.py,
    # processes.py, observe.py), which measure hand-offs, process start-up and the
    # cost of recording rather than single-thread speed.
    all_benches = sorted(p for p in HERE.glob("*.py")
                         if p.name != Path(__file__).name
                         and not p.stem.startswith(("threads", "processes", "observe")))
    if not names:
        return all_benches
    by_name = {p.stem: p for p in all_benches}
    missing = [n for n in names if n.removesuffix(".py") not in by_name]
    if missing:
        sys.exit(f"unknown benchmark(s): {', '.join(missing)}; "
                 f"available: {', '.join(sorted(by_name))}")
    return [by_name[n.removesuffix(".py")] for n in names]


def run_once(cmd, bench, timeout):
    """Run one benchmark; return (seconds, stdout, error-or-None)."""
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = "0"
    start = time.perf_counter()
    try:
        p = subprocess.run(
            cmd + [bench.name],
            cwd=bench.parent,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None, b"", f"timed out after {timeout} s"
    except OSError as e:
        return None, b"", f"cannot run {cmd[0]}: {e}"
    elapsed = time.perf_counter() - start
    if p.returncode != 0:
        tail = p.stderr.decode("utf-8", "replace").strip().splitlines()[-3:]
        return elapsed, p.stdout, f"exit code {p.returncode}: " + " | ".join(tail)
    return elapsed, p.stdout, None


def fmt_out(b):
    s = b.decode("utf-8", "replace").strip()
    return s if len(s) <= 80 else s[:77] + "..."


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gilded", default=str(REPO / "target" / "release" / "gilded"),
                    help="gilded binary (default: target/release/gilded)")
    ap.add_argument("--runs", type=int, default=5, help="runs per interpreter (default 5)")
    ap.add_argument("--markdown", metavar="FILE", help="also write the table to FILE")
    ap.add_argument("--timeout", type=float, default=300,
                    help="seconds before one run is abandoned (default 300)")
    ap.add_argument("benchmarks", nargs="*", help="benchmark names (default: all)")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")

    gilded = Path(args.gilded)
    if not gilded.is_absolute():
        gilded = (Path.cwd() / gilded)
    gilded = gilded.resolve()
    if not gilded.is_file():
        sys.exit(f"gilded binary not found: {gilded} "
                 f"(build it with `cargo build --release` or pass --gilded)")
    python = os.path.realpath(sys.executable)
    py_version = ".".join(map(str, sys.version_info[:3]))

    print(f"gilded:  {gilded}")
    print(f"python3: {python} (CPython {py_version})" if sys.implementation.name == "cpython"
          else f"python3: {python} ({sys.implementation.name} {py_version})")
    print(f"runs per interpreter: {args.runs}, alternating")
    print()

    rows = []
    ratios = []
    mismatches = []
    for bench in find_benchmarks(args.benchmarks):
        name = bench.stem
        g_times, p_times = [], []
        g_out = p_out = None
        problem = None
        for i in range(args.runs):
            # Alternate which interpreter goes first, so slow drift in the
            # machine's state does not favour one of them.
            order = [("g", [str(gilded)]), ("p", [python])]
            if i % 2:
                order.reverse()
            for who, cmd in order:
                t, out, err = run_once(cmd, bench, args.timeout)
                if err:
                    label = "gilded" if who == "g" else "python3"
                    problem = f"{label} failed: {err}"
                    break
                if who == "g":
                    if g_out is not None and out != g_out:
                        problem = "gilded output differs between runs"
                        break
                    g_out = out
                    g_times.append(t)
                else:
                    if p_out is not None and out != p_out:
                        problem = "python3 output differs between runs"
                        break
                    p_out = out
                    p_times.append(t)
            if problem:
                break
            if g_out is not None and p_out is not None and g_out != p_out:
                problem = (f"output mismatch: gilded printed {fmt_out(g_out)!r}, "
                           f"python3 printed {fmt_out(p_out)!r}")
                break
        status = f"  {name}: "
        if problem:
            mismatches.append((name, problem))
            rows.append((name, None, None, None))
            print(status + "MISMATCH/FAILED - " + problem, flush=True)
            continue
        g_med = statistics.median(g_times)
        p_med = statistics.median(p_times)
        ratio = g_med / p_med if p_med > 0 else float("inf")
        ratios.append((ratio, name))
        rows.append((name, g_med, p_med, ratio))
        print(status + f"gilded {g_med:.3f} s, python3 {p_med:.3f} s, "
              f"ratio {ratio:.2f}  [{fmt_out(p_out)}]", flush=True)

    lines = [
        "| benchmark | gilded median (s) | python3 median (s) | ratio gilded/python3 |",
        "| --- | ---: | ---: | ---: |",
    ]
    for name, g, p, r in rows:
        if g is None:
            lines.append(f"| {name} | mismatch | - | - |")
        else:
            lines.append(f"| {name} | {g:.3f} | {p:.3f} | {r:.2f} |")
    summary = []
    if ratios:
        geo = math.exp(sum(math.log(r) for r, _ in ratios) / len(ratios))
        worst, worst_name = max(ratios)
        summary.append(f"Geometric mean of ratios: **{geo:.2f}** "
                       f"(over {len(ratios)} benchmark{'s' if len(ratios) != 1 else ''})")
        summary.append(f"Worst ratio: **{worst:.2f}** ({worst_name})")
    else:
        summary.append("No benchmark produced a valid timing.")
    if mismatches:
        summary.append("Mismatched or failed (not timed): "
                       + "; ".join(f"{n}: {p}" for n, p in mismatches))
    summary.append(f"Timed python3: `{python}` (CPython {py_version}); "
                   f"gilded: `{gilded}`; {args.runs} runs each, medians of wall-clock time.")

    table = "\n".join(lines) + "\n\n" + "\n\n".join(summary) + "\n"
    print()
    print(table, end="")
    if args.markdown:
        Path(args.markdown).write_text(table)
        print(f"\n(written to {args.markdown})")
    sys.exit(1 if mismatches else 0)


if __name__ == "__main__":
    main()
