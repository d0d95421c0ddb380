"""A sleeping thread does not hold the GIL: three threads sleeping 0.3 s each beside a
CPU-bound thread hold it less than 30 ms each (not 0: the OS may preempt a thread for a
few ms in the moment it holds the lock on a shared 2-core machine), their blocked time is 0.3 s
(0.28 to 0.40 s), and the CPU-bound thread holds it for most of the time (at least 70%
of the wall time), because nobody else wants it.
"""
import gil
import threading
import time

SLEEP = 0.3
busy = True


def sleeper():
    time.sleep(SLEEP)


def spin():
    n = 0
    while busy:
        n += 1


gil.reset_stats()
t0 = time.perf_counter()
worker = threading.Thread(target=spin, name="cpu")
sleepers = [threading.Thread(target=sleeper, name=f"sleeper-{k}") for k in range(3)]
worker.start()
for t in sleepers:
    t.start()
for t in sleepers:
    t.join()
busy = False
worker.join()
wall = time.perf_counter() - t0

st = gil.stats()
by_ident = {r["ident"]: r for r in st["threads"]}
for t in sleepers:
    r = by_ident[t.ident]
    assert r["held_s"] < 0.030, f"{t.name} held the GIL {r['held_s'] * 1000:.2f} ms while sleeping {SLEEP} s"
    assert 0.28 <= r["blocked_s"] <= 0.40, f"{t.name} was blocked {r['blocked_s']:.3f} s for a {SLEEP} s sleep"
cpu = by_ident[worker.ident]
assert cpu["held_s"] >= 0.7 * wall, (
    f"the CPU-bound thread held the GIL {cpu['held_s']:.3f} s of {wall:.3f} s: the sleepers kept it?")
held = [by_ident[t.ident]["held_s"] * 1000 for t in sleepers]
blocked = [by_ident[t.ident]["blocked_s"] for t in sleepers]
print(f"sleep_releases_gil: sleepers held {', '.join(f'{h:.2f}' for h in held)} ms, blocked "
      f"{', '.join(f'{b:.3f}' for b in blocked)} s; CPU thread held {cpu['held_s']:.3f} of {wall:.3f} s")
