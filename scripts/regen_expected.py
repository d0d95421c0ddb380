#!/usr/bin/env python3
"""Regenerate the expected outputs of the conformance corpus by running CPython.

For every ``tests/conformance/**/<name>.py`` this runs ``python3 <name>.py`` with
the file's directory as cwd (so tracebacks say ``File "<name>.py"``), with
PYTHONHASHSEED=0, PYTHONIOENCODING=utf-8, stdin from /dev/null and a 20 s
timeout, and writes:

  <name>.stdout    always
  <name>.stderr    only if non-empty
  <name>.exitcode  only if the exit code is non-zero (contains the number)

Expectation files whose .py no longer exists, and .stderr/.exitcode files that
are no longer needed, are deleted.  Expected output is never written by hand.

CPython 3.9+ makes the script's path absolute (``__file__`` and every
``co_filename``), so its tracebacks say ``File "/abs/dir/<name>.py"``.  To keep
the expectations machine-independent, the one rewrite applied to CPython's
output is to drop the absolute directory prefix ("/abs/dir/") wherever it
occurs in stdout/stderr, giving ``File "<name>.py"`` -- which is what gilded
must print, as it reports the path exactly as given on its command line.

Usage: scripts/regen_expected.py [--python PYTHON] [--check] [FILTER ...]
  FILTER  only regenerate files whose "<area>/<name>" contains one of these
  --check do not write; report files whose expectations would change (exit 1)
"""
import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "conformance"
EXT = (".stdout", ".stderr", ".exitcode")


def run_one(python, py):
    env = dict(os.environ)
    for k in list(env):
        if k.startswith("PYTHON"):
            del env[k]
    env["PYTHONHASHSEED"] = "0"
    env["PYTHONIOENCODING"] = "utf-8"
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    try:
        p = subprocess.run(
            [python, py.name],
            cwd=py.parent,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            timeout=20,
        )
    except subprocess.TimeoutExpired:
        return None
    out, err = p.stdout, p.stderr
    prefixes = {str(py.parent), os.path.realpath(py.parent)}
    for pre in sorted(prefixes, key=len, reverse=True):
        pre = (pre.rstrip("/") + "/").encode()
        out = out.replace(pre, b"")
        err = err.replace(pre, b"")
    return out, err, p.returncode


def sync(path, data, check, changed):
    """Make `path` hold `data` (bytes) or not exist (data is None)."""
    old = path.read_bytes() if path.exists() else None
    if old == data:
        return
    changed.append(str(path.relative_to(ROOT)))
    if check:
        return
    if data is None:
        path.unlink()
    else:
        path.write_bytes(data)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--python", default="python3")
    ap.add_argument("--check", action="store_true")
    ap.add_argument("filters", nargs="*")
    args = ap.parse_args()

    pys = sorted(CORPUS.rglob("*.py"))
    changed, failed = [], []
    count = 0
    for py in pys:
        key = str(py.relative_to(CORPUS).with_suffix(""))
        if args.filters and not any(f in key for f in args.filters):
            continue
        count += 1
        res = run_one(args.python, py)
        if res is None:
            failed.append(f"{key}: timed out")
            continue
        out, err, code = res
        base = py.with_suffix("")
        sync(base.with_suffix(".stdout"), out, args.check, changed)
        sync(base.with_suffix(".stderr"), err if err else None, args.check, changed)
        sync(base.with_suffix(".exitcode"),
             f"{code}\n".encode() if code != 0 else None, args.check, changed)

    # Stale expectation files: no matching .py.
    if not args.filters:
        for f in sorted(CORPUS.rglob("*")):
            if f.is_file() and f.suffix in EXT and not f.with_suffix(".py").exists():
                sync(f, None, args.check, changed)

    for c in changed:
        print(("would change: " if args.check else "updated: ") + c)
    for f in failed:
        print("FAILED: " + f, file=sys.stderr)
    print(f"{count} programs, {len(changed)} expectation files "
          f"{'differ' if args.check else 'changed'}, {len(failed)} failures")
    if failed or (args.check and changed):
        sys.exit(1)


if __name__ == "__main__":
    main()
