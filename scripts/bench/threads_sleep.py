"""Blocking releases the GIL: K threads each sleeping S seconds finish together.

    threads_sleep.py threads=K sleep=S

prints `seconds=...`: from starting the first thread to joining the last (ideal: S).
Run bare (as scripts/bench/run.py does) it does 20 threads x 0.1 s and prints
only the thread count.
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


if __name__ == "__main__":
    opts = options({"threads": "20", "sleep": "0.1"})
    count, pause = int(opts["threads"]), float(opts["sleep"])
    done = []
    t0 = time.perf_counter()
    threads = [threading.Thread(target=lambda: (time.sleep(pause), done.append(1))) for _ in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - t0
    if len(sys.argv) > 1:
        print(f"threads={len(done)} seconds={seconds:.6f}")
    else:
        print(f"threads={len(done)}")
