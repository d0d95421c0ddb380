# threading.Lock: acquire/release/locked, timeouts, errors, `with`.
import threading

lock = threading.Lock()
print(lock.locked())
print(lock.acquire())
print(lock.locked())
print(lock.acquire(False))              # already held: fails at once
print(lock.acquire(blocking=False))
print(lock.acquire(timeout=0.01))       # waits a little, then fails
print(lock.acquire(True, 0))
lock.release()
print(lock.locked())
try:
    lock.release()
except RuntimeError as e:
    print("RuntimeError:", e)
try:
    lock.acquire(False, 1)
except ValueError as e:
    print("ValueError:", e)
try:
    lock.acquire(timeout=-5)
except ValueError as e:
    print("ValueError:", e)

with lock:
    print("in with:", lock.locked())
print("after with:", lock.locked())

# Any thread may release a plain Lock: here it works as a one-shot signal.
done = threading.Lock()
done.acquire()
log = []
def worker():
    log.append("worker ran")
    done.release()
t = threading.Thread(target=worker)
t.start()
done.acquire()           # blocks until the worker releases it
print(log)
t.join()
print(threading.Lock is threading.Lock, isinstance(lock, type(threading.Lock())))
