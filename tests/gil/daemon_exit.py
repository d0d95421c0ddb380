# gilded-max-seconds: 5
# gilded-expect-stdout: main finished
"""Daemon threads do not hold up exit: one daemon spinning in `while True` (it wants
the GIL all the time) and one sleeping in a loop are still running when the main
thread ends, and the process exits with status 0 within 5 s (checked by the harness)
instead of hanging until the 60 s timeout.
"""
import threading
import time


def spin():
    n = 0
    while True:
        n += 1


def nap():
    while True:
        time.sleep(0.01)


for target in (spin, nap):
    threading.Thread(target=target, daemon=True, name=target.__name__).start()
time.sleep(0.2)
alive = [t.name for t in threading.enumerate() if t.daemon and t.is_alive()]
assert sorted(alive) == ["nap", "spin"], f"daemon threads alive: {alive}"
print("main finished with 2 daemon threads still running")
