"""The cost of a process: start() and join() of one running an empty function.

    processes_start.py kind=process|spawn_process|thread count=C method=default|fork|spawn

times C start+join pairs one by one and prints `median_us=... p90_us=... mean_us=...`.
Run bare it does 5 process start+joins and prints only the count.
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


def empty():
    pass


if __name__ == "__main__":
    o = options({"kind": "process", "count": "5", "method": "default"})
    count, kind = int(o["count"]), o["kind"]
    if kind == "process":
        import multiprocessing
        ctx = multiprocessing.get_context(None if o["method"] == "default" else o["method"])

        def once():
            p = ctx.Process(target=empty)
            p.start()
            p.join()
    elif kind == "spawn_process":
        def once():
            spawn_process(empty).join()  # noqa: F821  (gilded builtin)
    else:
        def once():
            t = threading.Thread(target=empty)
            t.start()
            t.join()
    once()  # warm-up: imports, first-use costs
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        once()
        times.append(time.perf_counter() - t0)
    times.sort()
    median = times[count // 2] if count % 2 else (times[count // 2 - 1] + times[count // 2]) / 2
    mean = sum(times) / count
    p90 = times[int(0.9 * (count - 1))]
    if len(sys.argv) > 1:
        print(f"count={count} median_us={median * 1e6:.3f} p90_us={p90 * 1e6:.3f} mean_us={mean * 1e6:.3f}")
    else:
        print(f"count={count}")
