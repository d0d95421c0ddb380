# Two processes doing `v.value += 1` on a shared Value without its lock LOSE
# updates (a read and a write that are each atomic, but not together); with
# `with v.get_lock():` around the increment, never.
# gilded-max-seconds: 60
import multiprocessing
import sys
import time


def check(ok, what, measured):
    if not ok:
        print(f"FAILED: {what}: {measured}")
        sys.exit(1)
    print(f"ok: {what}")


def unlocked(v, go, n):
    go.wait(10)
    for _ in range(n):
        v.value += 1


def locked(v, go, n):
    go.wait(10)
    for _ in range(n):
        with v.get_lock():
            v.value += 1


def race(target, v, n):
    go = multiprocessing.Event()
    procs = [multiprocessing.Process(target=target, args=(v, go, n)) for _ in range(2)]
    for p in procs:
        p.start()
    time.sleep(0.1)  # both children are waiting on the event: they start together
    t0 = time.perf_counter()
    go.set()
    for p in procs:
        p.join()
    codes = [p.exitcode for p in procs]
    check(codes == [0, 0], "both children exited 0", codes)
    return v.value, time.perf_counter() - t0


N = 100_000
for attempt in range(3):
    raw = multiprocessing.Value("i", 0, lock=False)
    total, took = race(unlocked, raw, N)
    print(f"attempt {attempt + 1}: Value(lock=False), no lock: {total} of {2 * N} ({took:.2f} s)")
    if total < 2 * N:
        break
check(total < 2 * N, "unlocked increments lose updates", f"{total} of {2 * N}")
check(total >= N, "but every process's own updates were not all lost", total)

wrapped = multiprocessing.Value("i", 0)
total, took = race(unlocked, wrapped, N)
print(f"Value() (locked wrapper) without get_lock(): {total} of {2 * N} ({took:.2f} s)")
check(total <= 2 * N, "the synchronized wrapper alone never invents updates", total)

M = 20_000
for attempt in range(2):
    safe = multiprocessing.Value("i", 0)
    total, took = race(locked, safe, M)
    print(f"with get_lock(): {total} of {2 * M} ({took:.2f} s)")
    check(total == 2 * M, "with get_lock() no update is lost", f"{total} of {2 * M}")

total, took = race(locked, multiprocessing.Value("q", 0), M)
check(total == 2 * M, "a 64-bit Value with get_lock() is exact too", total)
print("all checks passed")
