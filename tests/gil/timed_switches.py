# gilded-args: --gil-policy timed
"""Under the timed policy (CPython 3.2+'s design) a waiting thread asks for the GIL
after switch_seconds, so two CPU-bound threads switch about once per switch_seconds
whatever the instruction interval: switches ~= wall time / switch_seconds, within
-40%/+20% (a switch cannot come before the waiter has waited its interval, only
later), at 5 ms with N=100 and N=100000, and at 2 ms.
"""
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
    sys._gil_stats_reset()
    t0 = time.perf_counter()
    time.sleep(RUN)
    st = sys._gil_stats()
    wall = time.perf_counter() - t0
    running = False
    for t in threads:
        t.join()
    return st["switches"], wall


lines = []
for seconds, n in ((0.005, 100), (0.005, 100_000), (0.002, 1000)):
    switches, wall = measure(seconds, n)
    expected = wall / seconds
    assert 0.6 * expected <= switches <= 1.2 * expected, (
        f"timed, {seconds * 1000:g} ms, N={n}: {switches} switches in {wall:.3f} s, "
        f"expected {expected:.0f} (-40%/+20%)")
    lines.append(f"{seconds * 1000:g} ms/N={n}: {switches} switches ({switches / expected:.2f}x of {expected:.0f})")
print("timed_switches: " + "; ".join(lines))
