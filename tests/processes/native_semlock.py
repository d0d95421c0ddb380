# _gilded_mp.SemLock in one process: kinds, counts, timeouts, wake-ups from other
# threads, CPython's error messages, and a rebuild from an exported handle.
import threading
import time
import _gilded_mp as mp
from _gilded_mp import SemLock, RECURSIVE_MUTEX, SEMAPHORE, SEM_VALUE_MAX


def error(f, *args):
    try:
        f(*args)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)
    return None


assert RECURSIVE_MUTEX == 0 and SEMAPHORE == 1
assert SEM_VALUE_MAX == 2147483647
assert SemLock.SEM_VALUE_MAX == SEM_VALUE_MAX

# ----- a Lock: SEMAPHORE with value 1, maxvalue 1 -----
lock = SemLock(SEMAPHORE, 1, 1)
assert lock.kind == SEMAPHORE and lock.maxvalue == 1
assert lock._get_value() == 1 and not lock._is_zero()
assert lock.acquire() is True
assert lock._is_zero() and lock._get_value() == 0
assert lock._is_mine() and lock._count() == 1
assert lock.acquire(False) is False
assert lock.acquire(block=False) is False
t0 = time.monotonic()
assert lock.acquire(True, 0.2) is False
waited = time.monotonic() - t0
assert 0.15 < waited < 2.0, waited
assert lock.acquire(timeout=-1) is False  # negative timeout: do not wait
lock.release()
assert lock._count() == 0 and not lock._is_mine()
assert error(lock.release) == "ValueError: semaphore or lock released too many times"
assert lock._get_value() == 1  # the failed release did not change the count

with lock:
    assert lock._get_value() == 0
assert lock._get_value() == 1

# A Lock may be released by another thread (it is a semaphore).
lock.acquire()
t = threading.Thread(target=lock.release)
t.start()
t.join()
assert lock._get_value() == 1

# ----- wake-up: a thread blocked in acquire() is woken by a release -----
lock.acquire()
got = []


def waiter():
    got.append(lock.acquire())
    got.append(lock._is_mine())
    lock.release()


t = threading.Thread(target=waiter)
t.start()
time.sleep(0.1)
assert got == []  # still blocked
lock.release()
t.join()
assert got == [True, True], got

# A timed wait that succeeds part-way.
lock.acquire()
timer = threading.Timer(0.1, lock.release)
timer.start()
t0 = time.monotonic()
assert lock.acquire(True, 5.0) is True
assert time.monotonic() - t0 < 4.0
timer.join()
lock.release()

# Endless timeouts wait (they must not overflow a deadline).
lock.acquire()
timer = threading.Timer(0.05, lock.release)
timer.start()
assert lock.acquire(True, float("inf")) is True
timer.join()
lock.release()
assert lock.acquire(True, float("nan")) is True  # NaN: no wait, but it is free
lock.release()

# ----- RLock: RECURSIVE_MUTEX -----
rlock = SemLock(RECURSIVE_MUTEX, 1, 1)
assert rlock.kind == RECURSIVE_MUTEX
assert error(rlock.release) == (
    "AssertionError: attempt to release recursive lock not owned by thread"
)
assert rlock.acquire() and rlock.acquire() and rlock.acquire(False)
assert rlock._count() == 3 and rlock._is_mine()
assert rlock._get_value() == 0
res = []


def other():
    res.append(rlock._is_mine())
    res.append(rlock.acquire(False))
    res.append(rlock.acquire(True, 0.05))
    res.append(error(rlock.release))


t = threading.Thread(target=other)
t.start()
t.join()
assert res == [
    False,
    False,
    False,
    "AssertionError: attempt to release recursive lock not owned by thread",
], res
rlock.release()
rlock.release()
assert rlock._count() == 1 and rlock._get_value() == 0
rlock.release()
assert rlock._count() == 0 and rlock._get_value() == 1
assert error(rlock.release) == (
    "AssertionError: attempt to release recursive lock not owned by thread"
)
with rlock:
    with rlock:
        assert rlock._count() == 2
assert rlock._count() == 0

# ----- Semaphore and BoundedSemaphore -----
sem = SemLock(SEMAPHORE, 2, SEM_VALUE_MAX)
assert sem.acquire() and sem.acquire() and not sem.acquire(False)
assert sem._is_zero() and sem._count() == 2
sem.release()
sem.release()
sem.release()  # unbounded: above the initial value is fine
assert sem._get_value() == 3

bounded = SemLock(SEMAPHORE, 2, 2)
bounded.acquire()
bounded.release()
assert error(bounded.release) == "ValueError: semaphore or lock released too many times"
assert bounded._get_value() == 2

zero = SemLock(SEMAPHORE, 0, 5)
assert zero._is_zero() and not zero.acquire(False)

# Many threads contending: the semaphore admits at most 2 at a time.
gate = SemLock(SEMAPHORE, 2, 2)
inside = [0]
peak = [0]
guard = threading.Lock()


def worker():
    for _ in range(20):
        gate.acquire()
        with guard:
            inside[0] += 1
            peak[0] = max(peak[0], inside[0])
        time.sleep(0.001)
        with guard:
            inside[0] -= 1
        gate.release()


threads = [threading.Thread(target=worker) for _ in range(5)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert peak[0] <= 2 and inside[0] == 0, peak
assert gate._get_value() == 2

# ----- constructor and argument errors -----
assert error(SemLock, 7, 1, 1) == "ValueError: unrecognized kind"
assert error(SemLock, SEMAPHORE, -1, 1) == "OSError: [Errno 22] Invalid argument"
assert error(SemLock, "x", 1, 1) == (
    "TypeError: 'str' object cannot be interpreted as an integer"
)
assert error(SemLock, SEMAPHORE, 1) == (
    "TypeError: SemLock() missing required argument 'maxvalue' (pos 3)"
)
assert error(lock.acquire, True, "soon") == "TypeError: must be real number, not str"
assert error(SemLock.acquire, 5) == (
    "TypeError: descriptor 'acquire' for '_gilded_mp.SemLock' objects doesn't apply to a 'int' object"
)
assert error(lock.acquire, True, 1, 2) == "TypeError: acquire() takes at most 2 arguments (3 given)"
e = error(setattr, lock, "kind", 1)
assert e == "AttributeError: property 'kind' of '_gilded_mp.SemLock' object has no setter", e
# SemLock(kind, value, maxvalue, name, unlink) as CPython's also binds.
assert SemLock(SEMAPHORE, 1, 1, "/mp-x", True)._get_value() == 1

# ----- a rebuilt copy (what a child gets) shares the semaphore -----
copy = mp._roundtrip(lock)
assert copy is not lock and copy.kind == SEMAPHORE and copy.maxvalue == 1
assert copy.handle != lock.handle
lock.acquire()
assert copy._get_value() == 0 and copy.acquire(False) is False
assert copy._count() == 0  # counts are per process, as CPython's
lock.release()
assert copy.acquire(False) is True
assert lock._get_value() == 0
copy.release()
assert lock._get_value() == 1
del copy
assert lock.acquire(False)
lock.release()
# A rebuilt RLock is the same lock: ownership excludes the original too.
rcopy = mp._roundtrip(rlock)
assert rcopy.kind == RECURSIVE_MUTEX
assert rcopy.acquire() and rcopy._is_mine() and not rlock._is_mine()
assert rlock.acquire(False) is False
rcopy.release()
assert rlock.acquire(False)
rlock.release()

print("OK")
