"""Shared memory between processes: Value and Array, with and without a lock.

multiprocessing.Value and Array live in memory that every process maps, so a change
in one is seen by all. `counter.value += 1` is a read and then a write: two processes
doing it at the same time lose updates, exactly as threads do without a lock (and
here no GIL serialises anything: the processes really run at the same time). With
`with counter.get_lock():` around the increment, none is lost.

Processes also need to wait for each other, not only to share data. The seed says it:
"Python provides synchronization primitives similar to those in threading, such as
Locks, Events, Semaphores, and Conditions, but adapted for inter-process use." The
last part shows three of them working across processes: an Event set by the parent
releases children waiting on it; a Semaphore(2) lets at most two of four processes
into a section at once; a child waits on a Condition until the parent has made what
it waits for true.

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


def wait_for_go(go, q, k):
    """Say we are ready, then block until the parent sets the Event."""
    q.put(("ready", k, time.time()))
    go.wait()
    q.put(("woke", k, time.time()))


def use_limited_resource(sem, active, peak, rounds, hold):
    """Enter the section guarded by the Semaphore `rounds` times, counting who is inside."""
    for _ in range(rounds):
        with sem:
            with active.get_lock():  # peak has no lock of its own: it is only touched under this one
                active.value += 1
                peak.value = max(peak.value, active.value)
            time.sleep(hold)  # "use the resource": a connection, a licence, a GPU
            with active.get_lock():
                active.value -= 1


def wait_for_level(cond, level, q):
    """Wait on the Condition until level >= 3, counting how often the predicate was checked."""
    checks = []

    def enough():
        checks.append(level.value)
        return level.value >= 3

    with cond:
        q.put("waiting")  # sent holding the Condition's lock: the parent cannot notify before we wait
        cond.wait_for(enough)
        seen = level.value
    q.put((seen, checks, time.time()))


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

    # Clocks: time.time() here, not perf_counter(): only the wall clock is sure to be
    # the same clock in every process (perf_counter's zero may be per process).
    print("\n== Synchronisation across processes ==")
    go = multiprocessing.Event()
    q = multiprocessing.Queue()
    waiters = [multiprocessing.Process(target=wait_for_go, args=(go, q, k)) for k in range(3)]
    for p in waiters:
        p.start()
    ready = dict(q.get()[1:] for _ in waiters)  # every child is about to wait
    time.sleep(0.2)  # keep them waiting a while: without the Event they would go on now
    set_at = time.time()
    go.set()
    woke = {}
    for _ in waiters:
        _, k, at = q.get()
        woke[k] = at
    for p in waiters:
        p.join()
    lags = [woke[k] - set_at for k in sorted(woke)]
    waited = [woke[k] - ready[k] for k in sorted(woke)]
    print(f"  Event: 3 children waited {min(waited):.2f}..{max(waited):.2f} s in go.wait(); each woke "
          f"{min(lags) * 1000:.1f}..{max(lags) * 1000:.1f} ms after the parent's go.set()")

    sem = multiprocessing.Semaphore(2)
    active = multiprocessing.Value("i", 0)
    peak = multiprocessing.Value("i", 0, lock=False)
    rounds, hold = 2, 0.1
    users = [multiprocessing.Process(target=use_limited_resource, args=(sem, active, peak, rounds, hold))
             for _ in range(4)]
    t0 = time.perf_counter()
    for p in users:
        p.start()
    for p in users:
        p.join()
    sem_took = time.perf_counter() - t0
    print(f"  Semaphore(2): 4 processes entered {rounds} times each for {hold} s; at most {peak.value} "
          f"inside at once; {sem_took:.2f} s in all")
    print(f"  (4 x {rounds} x {hold} s of use, two at a time, cannot take less than "
          f"{4 * rounds * hold / 2:.1f} s)")

    cond = multiprocessing.Condition()
    level = multiprocessing.Value("i", 0, lock=False)  # only touched holding cond's lock
    waiter = multiprocessing.Process(target=wait_for_level, args=(cond, level, q))
    waiter.start()
    q.get()  # "waiting": the child holds cond's lock until it is inside wait()
    for v in (1, 2, 3):
        time.sleep(0.05)
        with cond:
            level.value = v
            notified_at = time.time()
            cond.notify_all()
    seen, checks, cond_woke = q.get()
    waiter.join()
    print(f"  Condition: the child checked level at {checks} (on entering, then after each")
    print(f"  notify_all()) and went on at level {seen}, {(cond_woke - notified_at) * 1000:.1f} ms "
          f"after the last notify_all()")

    print()
    print("== Claims ==")
    claim("without a lock, concurrent increments from 2 processes lose updates",
          lost_total < 2 * n, f"{lost_total:,} of {2 * n:,}")
    claim("with get_lock() around the increment, none is lost", safe_total == 2 * m,
          f"{safe_total:,} of {2 * m:,}")
    claim("disjoint slots of a shared Array need no lock", arr[:] == [10_000, 20_000, 30_000, 40_000],
          str(arr[:]))
    claim("an Event set by the parent releases the children waiting on it, and only then",
          all(lag >= 0 for lag in lags) and max(lags) < 1.0 and min(waited) >= 0.15,
          f"woke {min(lags) * 1000:.1f}..{max(lags) * 1000:.1f} ms after set(), having waited "
          f">= {min(waited):.2f} s")
    claim("a Semaphore(2) lets at most 2 of 4 processes in at once, and does let 2 in",
          peak.value == 2 and sem_took >= 4 * rounds * hold / 2 * 0.95,
          f"at most {peak.value} inside, {sem_took:.2f} s for {4 * rounds * hold:.1f} s of use")
    claim("a child waiting on a Condition goes on only once the parent has made its predicate true",
          seen == 3 and checks[0] == 0 and checks[-1] == 3 and cond_woke >= notified_at,
          f"checked at {checks}, went on at level {seen}")
    if failed:
        print(f"{len(failed)} claim(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
