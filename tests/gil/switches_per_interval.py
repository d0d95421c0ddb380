# gilded-args: --gil-policy fair
"""Under the fair policy, two CPU-bound threads hand the GIL over once every N
instructions: switches ~= (instructions the two threads executed) / N, within 30%,
at N = 100, 1000 and 10000. The hand-off latency histogram counts at most one sample
per switch, and its quantiles are ordered.
"""
import gil
import sys
import threading
import time

TOLERANCE = 0.30
TOTAL_INSTRUCTIONS = 3_000_000  # aim, for both threads together


def spin(n):
    i = 0
    while i < n:
        i += 1


def spin_together(arrived, n):
    """Wait, spinning, until both threads run, then spin(n): the statistics are reset
    once both have arrived, so they cover only the time the two threads contend."""
    arrived.append(1)
    while len(arrived) < 2:
        pass
    spin(n)


def measure_loop_cost():
    """Instructions per iteration of spin's loop, from the statistics."""
    t = threading.Thread(target=spin, args=(200_000,))
    gil.reset_stats()
    t.start()
    t.join()
    rec = [r for r in gil.stats()["threads"] if r["ident"] == t.ident][0]
    return rec["instructions"] / 200_000


per_iteration = measure_loop_cost()
assert 3 <= per_iteration <= 30, f"spin's loop costs {per_iteration:.1f} instructions per iteration?"
iterations = int(TOTAL_INSTRUCTIONS / 2 / per_iteration)

lines = []
for n in (100, 1000, 10000):
    sys.setswitchinterval(n)
    assert gil.stats()["switch_interval"] == n
    arrived = []
    a = threading.Thread(target=spin_together, args=(arrived, iterations), name="a")
    b = threading.Thread(target=spin_together, args=(arrived, iterations), name="b")
    a.start()
    b.start()
    while len(arrived) < 2:
        time.sleep(0.0002)
    gil.reset_stats()
    a.join()
    b.join()
    st = gil.stats()
    by_ident = {r["ident"]: r for r in st["threads"]}
    executed = by_ident[a.ident]["instructions"] + by_ident[b.ident]["instructions"]
    expected = executed / n
    switches = st["global"]["switches"]
    lat = st["global"]["handoff_latency"]
    assert abs(switches - expected) <= TOLERANCE * expected, (
        f"N={n}: {switches} switches for {executed} instructions; expected {expected:.0f} "
        f"+-{TOLERANCE:.0%}")
    assert lat["count"] <= switches + 5, f"N={n}: {lat['count']} latency samples for {switches} switches"
    assert lat["count"] > 0, f"N={n}: no hand-off latency samples for {switches} switches"
    # Quantiles are bucket bounds (powers of two), so p99 may exceed the exact max.
    assert 0 < lat["p50_s"] <= lat["p90_s"] <= lat["p99_s"] and lat["max_s"] > 0, (
        f"N={n}: implausible latency summary {lat}")
    lines.append(f"N={n}: {switches} switches / {expected:.0f} expected "
                 f"({switches / expected:.2f}x), hand-off p50 {lat['p50_s'] * 1e6:.1f} us")

print(f"switches_per_interval ({per_iteration:.1f} instructions/iteration): " + "; ".join(lines))
