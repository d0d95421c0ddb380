"""8 threads x 100,000 increments of a shared counter, each under a threading.Lock, at
the default switch interval: the result is exactly 800,000, and the GIL changed hands
while they ran (so the lock, not luck, kept the count).
"""
import gil
import sys
import threading
import time

THREADS = 8
PER_THREAD = 100_000
lock = threading.Lock()
counter = 0


def work():
    global counter
    for _ in range(PER_THREAD):
        with lock:
            counter += 1


gil.reset_stats()
t0 = time.perf_counter()
threads = [threading.Thread(target=work) for _ in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
elapsed = time.perf_counter() - t0
st = gil.stats()
assert counter == THREADS * PER_THREAD, f"counter is {counter}, expected {THREADS * PER_THREAD}"
assert st["global"]["switches"] >= THREADS, f"only {st['global']['switches']} switches: the threads did not interleave"
print(f"locked_increments: {counter} exact in {elapsed:.2f} s "
      f"(switch interval {sys.getswitchinterval()}, {st['global']['switches']} switches)")
