"""Beside a busy `while True` thread, time.sleep(0.25) in the main thread returns
within a stated bound under each policy (the shape of MicroPython's thread_coop test):
- fair: 0.25 s + 0.2 s: the woken sleeper queues for the GIL and gets it at the busy
  thread's next offer;
- timed: 0.25 s + 0.2 s: the woken sleeper asks for a drop after switch_seconds
  (5 ms) and the busy thread must let go;
- greedy: 0.25 s + 0.5 s, looser: the holder re-takes the GIL at once, so the woken
  sleeper loses races until the lock's starvation limit hands it over.
Five sleeps per policy; the worst counts.
"""
import gil
import threading
import time

SLEEP = 0.25
BOUNDS = {"fair": 0.2, "timed": 0.2, "greedy": 0.5}
stop = False


def busy():
    while True:
        if stop:
            break


def sleeps_beside_busy(policy):
    """The durations of five sleeps beside a busy thread under `policy`."""
    global stop
    gil.set_policy(policy)
    assert gil.policy() == policy
    stop = False
    t = threading.Thread(target=busy, name="busy")
    t.start()
    time.sleep(0.05)
    took = []
    for _ in range(5):
        t0 = time.perf_counter()
        time.sleep(SLEEP)
        took.append(time.perf_counter() - t0)
    stop = True
    t.join()
    return took


for policy, bound in BOUNDS.items():
    took = sleeps_beside_busy(policy)
    worst = max(took)
    assert worst <= SLEEP + bound, (
        f"{policy}: sleep({SLEEP}) took up to {worst:.3f} s beside a busy thread "
        f"(bound {SLEEP + bound:.2f} s); all: {', '.join(f'{x:.3f}' for x in took)}")
    assert min(took) >= SLEEP * 0.99, f"{policy}: sleep({SLEEP}) returned early: {took}"
    print(f"sleep_beside_busy[{policy}]: sleep({SLEEP}) took {min(took):.4f}..{worst:.4f} s "
          f"(bound {SLEEP + bound:.2f} s)")
