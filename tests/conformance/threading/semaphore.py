# Semaphore: at most N holders at a time; acquire/release variants and errors.
import threading
import time

sem = threading.Semaphore(2)
lock = threading.Lock()
active = 0
peak = 0

def worker():
    global active, peak
    with sem:
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.01)
        with lock:
            active -= 1

threads = [threading.Thread(target=worker) for _ in range(6)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("peak <= 2:", peak <= 2, "active:", active)

s = threading.Semaphore(0)
print(s.acquire(False), s.acquire(timeout=0.01), s.acquire(blocking=False))
s.release(3)
print(s.acquire(), s.acquire(), s.acquire(), s.acquire(False))
print(repr(s).replace(hex(id(s)), "ADDR"))
s.release()
print(repr(s).replace(hex(id(s)), "ADDR"))

for label, call in [("negative", lambda: threading.Semaphore(-1)),
                    ("release(0)", lambda: s.release(0)),
                    ("non-blocking timeout", lambda: s.acquire(False, 1))]:
    try:
        call()
    except ValueError as e:
        print(label, "->", e)

# An unbounded Semaphore may be released more than acquired.
u = threading.Semaphore(1)
u.release()
u.release()
print(repr(u).replace(hex(id(u)), "ADDR"))
print(threading.Semaphore().acquire(), threading.Semaphore(0)._value)
