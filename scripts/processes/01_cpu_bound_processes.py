"""CPU-bound work runs in parallel in processes, not in threads.

Two jobs of pure computation, three ways: one after the other, in two threads, and in
two processes. The threads take as long as the sequential run (one GIL: only one of
them runs Python code at a time). Each process is a separate interpreter with its own
GIL, so on a machine with two cores the two processes finish in about half the time.

Run it:  gilded scripts/processes/01_cpu_bound_processes.py   (or: python3 ...)
"""
import multiprocessing
import os
import sys
import threading
import time

JOBS = 2
failed = []


def claim(text, ok, measured):
    """Print whether a claim this lesson makes held, with what was measured."""
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


def crunch(n):
    """Pure computation: no I/O, no waiting."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def size_job(seconds):
    n = 20_000
    while True:
        t0 = time.perf_counter()
        crunch(n)
        took = time.perf_counter() - t0
        if took >= 0.03:
            return int(n * seconds / took)
        n *= 2


def sequential(n):
    return [crunch(n) for _ in range(JOBS)]


def threaded(n):
    results = [None] * JOBS

    def job(k):
        results[k] = crunch(n)

    threads = [threading.Thread(target=job, args=(k,)) for k in range(JOBS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def job_in_process(q, k, n):
    q.put((k, crunch(n)))


def in_processes(n):
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=job_in_process, args=(q, k, n)) for k in range(JOBS)]
    for p in procs:
        p.start()
    results = dict(q.get() for _ in range(JOBS))
    for p in procs:
        p.join()
    return [results[k] for k in range(JOBS)]


def timed(fn, n):
    t0 = time.perf_counter()
    result = fn(n)
    return result, time.perf_counter() - t0


def main():
    cores = os.cpu_count() or 1
    n = size_job(0.5)
    print(f"one job: crunch({n}), about 0.5 s; {JOBS} jobs; {cores} CPU(s)")
    best = {"sequential": None, "threads": None, "processes": None}
    results = {}
    for _ in range(3):  # alternate, keep the best of three: less noise from the machine
        for name, fn in (("sequential", sequential), ("threads", threaded), ("processes", in_processes)):
            result, took = timed(fn, n)
            results[name] = result
            if best[name] is None or took < best[name]:
                best[name] = took
    seq, thr, proc = best["sequential"], best["threads"], best["processes"]
    print()
    print(f"  one after the other: {seq:.3f} s")
    print(f"  {JOBS} threads:           {thr:.3f} s   (threads / sequential   = {thr / seq:.2f})")
    print(f"  {JOBS} processes:         {proc:.3f} s   (processes / sequential = {proc / seq:.2f})")
    print("  The threads took turns on one GIL; the processes ran at the same time on two")
    print("  cores, each with its own interpreter and its own GIL (starting them costs a")
    print("  little: see 05_creation_overhead.py).")
    print()
    print("== Claims ==")
    claim("threads, processes and the sequential run computed the same results",
          results["threads"] == results["sequential"] == results["processes"], f"{JOBS} results each")
    claim("threads give no speedup for CPU-bound work", 0.8 <= thr / seq <= 1.3,
          f"threads/sequential = {thr / seq:.2f}, expected 0.8..1.3")
    if cores >= 2:
        claim("two processes take at most 0.6 of the sequential time on 2+ cores",
              proc / seq <= 0.6, f"processes/sequential = {proc / seq:.2f}, expected <= 0.6")
    else:
        claim("two processes take at most 0.6 of the sequential time on 2+ cores", True,
              f"skipped: os.cpu_count() = {cores}, a single core cannot run two processes at once")
    if failed:
        print(f"{len(failed)} claim(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
