# gilded-args: --gil-policy timed
"""Under the timed policy (CPython 3.2+'s design) a waiting thread asks for the GIL
after switch_seconds, so two CPU-bound threads switch at most about once per
switch_seconds, whatever the instruction interval:

- at 5 ms, with N=100 and with N=100000: switches between 40% and 120% of
  wall time / switch_seconds. No switch can come before the waiter has waited its
  interval (hence at most ~1x), and a busy machine wakes the waiter late (measured
  ratios: 0.93-0.98 on a quiet machine, 0.57-0.97 with two compilers running);
- at 2 ms: at most 120% of wall time / switch_seconds, and more switches than at 5 ms.
"""
import gil
import sys
import threading
import time

RUN = 0.5
running = True


def spin():
    n = 0
    while running:
        n += 1


def measure(seconds, n):
    global running
    sys.setswitchinterval(n)
    sys.setswitchinterval(seconds)
    running = True
    threads = [threading.Thread(target=spin) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.02)
    gil.reset_stats()
    t0 = time.perf_counter()
    time.sleep(RUN)
    st = gil.stats()
    wall = time.perf_counter() - t0
    running = False
    for t in threads:
        t.join()
    return st["global"]["switches"], wall


lines = []
counts = {}
for seconds, n in ((0.005, 100), (0.005, 100_000), (0.002, 1000)):
    switches, wall = measure(seconds, n)
    counts[(seconds, n)] = switches
    expected = wall / seconds
    assert switches <= 1.2 * expected, (
        f"timed, {seconds * 1000:g} ms, N={n}: {switches} switches in {wall:.3f} s, more than "
        f"one per interval ({expected:.0f} +20%)")
    if seconds == 0.005:
        assert switches >= 0.4 * expected, (
            f"timed, 5 ms, N={n}: {switches} switches in {wall:.3f} s, expected {expected:.0f} "
            f"(at least 40%)")
    lines.append(f"{seconds * 1000:g} ms/N={n}: {switches} switches ({switches / expected:.2f}x of {expected:.0f})")
slow = max(counts[(0.005, 100)], counts[(0.005, 100_000)])
assert counts[(0.002, 1000)] > slow, (
    f"timed: 2 ms gave {counts[(0.002, 1000)]} switches, no more than 5 ms ({slow})")
print("timed_switches: " + "; ".join(lines))
