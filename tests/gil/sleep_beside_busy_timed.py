# gilded-args: --gil-policy timed
"""Beside a busy `while True` thread, time.sleep(0.25) in the main thread returns
within 0.25 s + 0.2 s under the timed policy: the woken sleeper asks for the GIL
after switch_seconds (5 ms) and the busy thread must drop it. Five sleeps; the
worst counts.
"""
import sys
import threading
import time

SLEEP = 0.25
BOUND = 0.2
POLICY = "timed"
assert sys._get_gil_policy() == POLICY, f"policy is {sys._get_gil_policy()!r}, expected {POLICY!r}"
stop = False


def busy():
    while True:
        if stop:
            break


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
worst = max(took)
assert worst <= SLEEP + BOUND, (
    f"{POLICY}: sleep({SLEEP}) took up to {worst:.3f} s beside a busy thread "
    f"(bound {SLEEP + BOUND:.2f} s); all: {', '.join(f'{x:.3f}' for x in took)}")
assert min(took) >= SLEEP * 0.99, f"sleep({SLEEP}) returned early: {took}"
print(f"sleep_beside_busy_{POLICY}: sleep({SLEEP}) took {min(took):.4f}..{worst:.4f} s "
      f"(bound {SLEEP + BOUND:.2f} s)")
