"""The cost of a thread: start() and join() of a thread running an empty function.

    threads_start.py count=C

times C start+join pairs one by one and prints `median_us=...` (and the 90th
percentile and the mean: thread creation has a long tail).
Run bare (as scripts/bench/run.py does) it does 1000 and prints only the count.
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
    count = int(options({"count": "1000"})["count"])
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        t = threading.Thread(target=empty)
        t.start()
        t.join()
        times.append(time.perf_counter() - t0)
    times.sort()
    median = times[count // 2] if count % 2 else (times[count // 2 - 1] + times[count // 2]) / 2
    mean = sum(times) / count
    p90 = times[int(0.9 * (count - 1))]
    if len(sys.argv) > 1:
        print(f"count={count} median_us={median * 1e6:.3f} p90_us={p90 * 1e6:.3f} mean_us={mean * 1e6:.3f}")
    else:
        print(f"count={count}")
