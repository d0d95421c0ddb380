"""Shared memory between processes: Value and Array, with and without a lock.

multiprocessing.Value and Array live in memory that every process maps, so a change
in one is seen by all. `counter.value += 1` is a read and then a write: two processes
doing it at the same time lose updates, exactly as threads do without a lock (and
here no GIL serialises anything: the processes really run at the same time). With
`with counter.get_lock():` around the increment, none is lost.

Run it:  gilded scripts/processes/04_shared_memory.py   (or: python3 ...)
"""
import multiprocessing
import sys
import time

failed = []


def claim(text, ok, measured):
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


def add_unlocked(counter, go, n):
    go.wait()
    for _ in range(n):
        counter.value += 1


def add_locked(counter, go, n):
    go.wait()
    for _ in range(n):
        with counter.get_lock():
            counter.value += 1


def fill_slot(arr, k, n):
    for i in range(n):
        arr[k] = arr[k] + 1


def race(target, counter, n, procs=2):
    go = multiprocessing.Event()
    ps = [multiprocessing.Process(target=target, args=(counter, go, n)) for _ in range(procs)]
    for p in ps:
        p.start()
    time.sleep(0.1)  # let both reach go.wait(): they start at the same moment
    t0 = time.perf_counter()
    go.set()
    for p in ps:
        p.join()
    return counter.value, time.perf_counter() - t0


def main():
    n = 100_000
    print(f"== 2 processes, each adding 1 to a shared Value {n:,} times ==")
    for attempt in range(3):
        raw = multiprocessing.Value("i", 0, lock=False)
        lost_total, took = race(add_unlocked, raw, n)
        print(f"  no lock:      {lost_total:>7,} of {2 * n:,} ({2 * n - lost_total:,} updates lost, {took:.2f} s)")
        if lost_total < 2 * n:
            break
    m = 20_000
    safe = multiprocessing.Value("i", 0)
    safe_total, safe_took = race(add_locked, safe, m)
    print(f"  get_lock():   {safe_total:>7,} of {2 * m:,} ({safe_took:.2f} s for {m:,} each: "
          f"every increment takes the lock)")

    print("\n== An Array where each process writes only its own slot ==")
    arr = multiprocessing.Array("i", 4, lock=False)
    ps = [multiprocessing.Process(target=fill_slot, args=(arr, k, 10_000 * (k + 1))) for k in range(4)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print(f"  slots: {arr[:]} (no two processes touch the same slot: nothing to lose)")

    print()
    print("== Claims ==")
    claim("without a lock, concurrent increments from 2 processes lose updates",
          lost_total < 2 * n, f"{lost_total:,} of {2 * n:,}")
    claim("with get_lock() around the increment, none is lost", safe_total == 2 * m,
          f"{safe_total:,} of {2 * m:,}")
    claim("disjoint slots of a shared Array need no lock", arr[:] == [10_000, 20_000, 30_000, 40_000],
          str(arr[:]))
    if failed:
        print(f"{len(failed)} claim(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
