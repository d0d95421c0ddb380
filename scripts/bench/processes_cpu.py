"""CPU-bound jobs one after the other, in threads, or in processes.

    processes_cpu.py mode=seq|threads|processes|spawn_process jobs=J n=N method=default|fork|spawn

runs J jobs of crunch(N) the chosen way and prints `seconds=... checksum=...`; for
processes the time includes starting and joining them (that is what using them
costs). `method` picks the multiprocessing start method (python3: fork or spawn;
gilded has only spawn); `spawn_process` is gilded's builtin.
Run bare (as scripts/bench/run.py would) it does a small sequential run.
"""
import sys
import threading
import time


def options(defaults):
    opts = dict(defaults)
    for arg in sys.argv[1:]:
        key, _, value = arg.partition("=")
        if key not in opts:
            sys.exit(f"unknown option {arg!r}; expected {', '.join(f'{k}=' for k in defaults)}")
        opts[key] = value
    return opts


def crunch(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def job(q, k, n):
    q.put((k, crunch(n)))


def run(mode, jobs, n, method):
    if mode == "seq":
        return [crunch(n) for _ in range(jobs)]
    if mode == "threads":
        results = [None] * jobs

        def one(k):
            results[k] = crunch(n)

        ts = [threading.Thread(target=one, args=(k,)) for k in range(jobs)]
        for t in ts:
            t.start()
        for t in ts:
            t.join()
        return results
    if mode == "spawn_process":
        hs = [spawn_process(crunch, n) for _ in range(jobs)]  # noqa: F821  (gilded builtin)
        return [h.join() for h in hs]
    import multiprocessing
    ctx = multiprocessing.get_context(None if method == "default" else method)
    q = ctx.Queue()
    ps = [ctx.Process(target=job, args=(q, k, n)) for k in range(jobs)]
    for p in ps:
        p.start()
    got = dict(q.get() for _ in range(jobs))
    for p in ps:
        p.join()
    return [got[k] for k in range(jobs)]


if __name__ == "__main__":
    o = options({"mode": "seq", "jobs": "2", "n": "200000", "method": "default"})
    t0 = time.perf_counter()
    results = run(o["mode"], int(o["jobs"]), int(o["n"]), o["method"])
    took = time.perf_counter() - t0
    if len(sys.argv) > 1:
        print(f"seconds={took:.6f} checksum={sum(results)}")
    else:
        print(f"checksum={sum(results)}")
