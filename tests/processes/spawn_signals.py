# terminate() gives exitcode -15, kill() -9, and the parent goes on;
# join(timeout=...) on a sleeping child returns None after about the timeout with
# the child still alive.
# gilded-max-seconds: 20
import sys
import time


def check(ok, what, measured):
    if not ok:
        print(f"FAILED: {what}: {measured}")
        sys.exit(1)
    print(f"ok: {what}")


def sleeper(seconds):
    time.sleep(seconds)
    return "woke up"


h = spawn_process(sleeper, 30)
check(h.exitcode is None, "exitcode is None while running", h.exitcode)
check(h.is_alive(), "is_alive() while sleeping", h.is_alive())
t0 = time.perf_counter()
r = h.join(timeout=0.3)
took = time.perf_counter() - t0
check(r is None, "join(timeout=0.3) returns None on timeout", r)
check(0.25 <= took <= 1.5, "join(timeout=0.3) waits about 0.3 s", f"{took:.3f} s")
check(h.is_alive() and h.exitcode is None, "the child is still alive after the timeout",
      (h.is_alive(), h.exitcode))
h.terminate()
t0 = time.perf_counter()
try:
    r = h.join()
except BaseException as e:
    r = e
took = time.perf_counter() - t0
print("join after terminate returned", repr(r))
check(h.exitcode == -15, "terminate() -> exitcode -15", h.exitcode)
check(took < 5, "the terminated child ends promptly", f"{took:.3f} s")
check(not h.is_alive(), "not alive after terminate", h.is_alive())

h = spawn_process(sleeper, 30)
time.sleep(0.2)
h.kill()
try:
    h.join()
except BaseException as e:
    print("join after kill raised", type(e).__name__, e)
check(h.exitcode == -9, "kill() -> exitcode -9", h.exitcode)

# The parent goes on: a new child works after the killed ones.
h = spawn_process(sleeper, 0.05)
check(h.join() == "woke up", "a new child runs normally afterwards", "")
check(h.exitcode == 0, "and exits 0", h.exitcode)

# terminate() on a finished child is harmless.
h.terminate()
check(h.exitcode == 0, "terminate() after exit leaves exitcode 0", h.exitcode)
print("all checks passed")
