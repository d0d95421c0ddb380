"""CPU-bound work, sequentially or in threads: the GIL lets no thread speed it up.

    threads_cpu.py mode=seq|threads jobs=K n=N

runs K jobs of crunch(N) one after the other (seq) or in K threads at once
(threads) and prints `checksum=... seconds=...`, the seconds covering only the
jobs (not start-up). Run bare (as scripts/bench/run.py does) it does 4 jobs in
4 threads and prints only the checksum. scripts/bench/threads.py compares the two
modes under gilded (several switch intervals and policies) and python3.
"""
import sys
import threading
import time


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def options(defaults):
    opts = dict(defaults)
    for arg in sys.argv[1:]:
        key, _, value = arg.partition("=")
        if key not in opts:
            sys.exit(f"unknown option {arg!r}; expected {', '.join(f'{k}=' for k in defaults)}")
        opts[key] = value
    return opts


def run(mode, jobs, n):
    results = [0] * jobs

    def job(k):
        results[k] = crunch(n)

    t0 = time.perf_counter()
    if mode == "seq":
        for k in range(jobs):
            job(k)
    else:
        threads = [threading.Thread(target=job, args=(k,)) for k in range(jobs)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return sum(results), time.perf_counter() - t0


if __name__ == "__main__":
    opts = options({"mode": "threads", "jobs": "4", "n": "300000"})
    checksum, seconds = run(opts["mode"], int(opts["jobs"]), int(opts["n"]))
    if len(sys.argv) > 1:
        print(f"checksum={checksum} seconds={seconds:.6f}")
    else:
        print(f"checksum={checksum}")
