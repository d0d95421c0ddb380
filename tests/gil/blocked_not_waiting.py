# gilded-args: --gil-policy fair
"""A thread blocked in join() or Event.wait() accrues blocked time, not GIL-wait time,
even while a CPU-bound thread keeps the GIL busy: over a 0.3 s block, blocked_s is
0.25 to 0.45 s and waiting_s (time spent queueing for the GIL) stays under 50 ms.
"""
import gil
import threading
import time

BLOCK = 0.3
busy = True
event = threading.Event()


def spin():
    n = 0
    while busy:
        n += 1


def sleeper():
    time.sleep(BLOCK)


def setter():
    time.sleep(BLOCK)
    event.set()


def event_waiter():
    event.wait()


hog = threading.Thread(target=spin, name="hog")
hog.start()
time.sleep(0.01)
gil.reset_stats()

# The main thread blocks in join() on a sleeping thread.
s = threading.Thread(target=sleeper, name="sleeper")
s.start()
s.join()
# A thread blocks in Event.wait() until another sets the event.
w = threading.Thread(target=event_waiter, name="event-waiter")
e = threading.Thread(target=setter, name="setter")
w.start()
e.start()
w.join()
e.join()
st = gil.stats()
busy = False
hog.join()

by_ident = {r["ident"]: r for r in st["threads"]}
main = by_ident[threading.main_thread().ident]
waiter = by_ident[w.ident]
hog_rec = by_ident[hog.ident]
for who, r, low in (("main (in join)", main, 2 * BLOCK * 0.83), ("event-waiter", waiter, BLOCK * 0.83)):
    assert low <= r["blocked_s"] <= low / 0.83 + 0.15, (
        f"{who}: blocked {r['blocked_s']:.3f} s, expected about {low / 0.83:.2f} s")
    assert r["waiting_s"] < 0.05, (
        f"{who}: {r['waiting_s'] * 1000:.1f} ms waiting for the GIL while blocked "
        f"{r['blocked_s']:.3f} s (blocked time counted as GIL wait?)")
assert hog_rec["held_s"] >= BLOCK, f"the hog held the GIL only {hog_rec['held_s']:.3f} s: it did not run"
print(f"blocked_not_waiting: main blocked {main['blocked_s']:.3f} s / waited {main['waiting_s'] * 1000:.2f} ms; "
      f"event-waiter blocked {waiter['blocked_s']:.3f} s / waited {waiter['waiting_s'] * 1000:.2f} ms; "
      f"hog held {hog_rec['held_s']:.3f} s")
