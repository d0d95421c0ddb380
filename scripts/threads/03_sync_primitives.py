"""Synchronisation beyond Lock: RLock, Semaphore, Event, Condition.

- RLock: a lock the same thread may take again (re-entrant), e.g. in recursion.
- Semaphore(n): at most n threads inside at once, e.g. "3 connections at most".
- Event: a flag threads can wait for, e.g. "go!".
- Condition: wait until some state becomes true, e.g. "the buffer is not empty".

Run it:  gilded scripts/threads/03_sync_primitives.py   (or: python3 ...)
"""
import sys
import threading
import time

try:
    import gil  # gilded's built-in module: the GIL's statistics and settings
except ImportError:  # python3 has no such module
    gil = None
GILDED = gil is not None
failed = []


def claim(text, ok, measured):
    """Print whether a claim this lesson makes held, with what was measured."""
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


print("== 1. RLock: re-entrant locking ==")
rlock = threading.RLock()


def total_size(tree):
    """Sum a nested list; every level takes the same RLock again."""
    with rlock:
        return sum(total_size(x) if isinstance(x, list) else x for x in tree)


tree = [1, [2, [3, [4, [5]]]]]
rlock_result = total_size(tree)
print(f"  recursive sum under one RLock, 5 levels deep: {rlock_result}")
plain = threading.Lock()
plain.acquire()
second_try = plain.acquire(blocking=False)  # with blocking=True this would hang forever
plain.release()
print(f"  a plain Lock taken twice by the same thread: second acquire -> {second_try}"
      " (a blocking acquire would deadlock)")

print()
print("== 2. Semaphore(3): at most 3 workers inside ==")
pool = threading.Semaphore(3)
count_lock = threading.Lock()
inside = 0
most_inside = 0


def use_connection():
    global inside, most_inside
    with pool:
        with count_lock:
            inside += 1
            most_inside = max(most_inside, inside)
        time.sleep(0.1)  # "use" the connection
        with count_lock:
            inside -= 1


t0 = time.perf_counter()
workers = [threading.Thread(target=use_connection, name=f"client-{k}") for k in range(9)]
for w in workers:
    w.start()
for w in workers:
    w.join()
sem_elapsed = time.perf_counter() - t0
print(f"  9 clients, 0.1 s each, 3 at a time: at most {most_inside} inside, "
      f"{sem_elapsed:.2f} s in all (3 waves of 0.1 s)")

print()
print("== 3. Event: wait for a signal ==")
go = threading.Event()
started_at = []


def runner():
    go.wait()  # blocks until some thread calls go.set()
    started_at.append(time.perf_counter())


runners = [threading.Thread(target=runner) for _ in range(5)]
for r in runners:
    r.start()
time.sleep(0.2)
early = len(started_at)
set_at = time.perf_counter()
go.set()
for r in runners:
    r.join()
latest = max(started_at) - set_at
print(f"  before set(): {early} of 5 runners had started; after set(): all 5 "
      f"within {latest * 1000:.1f} ms")

print()
print("== 4. Condition: a bounded buffer (producer / consumer) ==")
CAPACITY = 2
buffer = []
largest = 0
cond = threading.Condition()
received = []
ITEMS = 20


def producer():
    global largest
    for i in range(ITEMS):
        with cond:
            while len(buffer) >= CAPACITY:
                cond.wait()  # releases the lock while waiting
            buffer.append(i)
            largest = max(largest, len(buffer))
            cond.notify_all()


def consumer():
    for _ in range(ITEMS):
        with cond:
            while not buffer:
                cond.wait()
            received.append(buffer.pop(0))
            cond.notify_all()
        time.sleep(0.001)  # a slow consumer: the producer must wait for room


c = threading.Thread(target=consumer, name="consumer")
p = threading.Thread(target=producer, name="producer")
c.start()
p.start()
p.join()
c.join()
print(f"  consumer received {len(received)} items, in order: {received == list(range(ITEMS))}; "
      f"the buffer never held more than {largest}")

if GILDED:
    print()
    print("== What the GIL saw ==")
    st = gil.stats()
    for r in st["threads"]:
        if r["name"].startswith("client-") or r["name"] in ("producer", "consumer"):
            print(f"  {r['name']:10} held {r['held_s'] * 1000:6.2f} ms, blocked {r['blocked_s'] * 1000:7.1f} ms")
    print("  Waiting on a Semaphore, Event or Condition is blocked time: the GIL is free")
    print("  for the other threads meanwhile.")
else:
    print()
    print("(python3: the gil module exists only in gilded; skipping the GIL statistics)")

print()
print("== Claims ==")
claim("an RLock can be taken again by the thread that holds it", rlock_result == 15, f"sum {rlock_result}")
claim("a plain Lock cannot be taken twice, even by its holder", second_try is False, f"second acquire -> {second_try}")
claim("Semaphore(3) lets at most 3 threads in at once, and 3 do get in together",
      most_inside == 3, f"at most {most_inside} inside")
claim("9 jobs of 0.1 s through Semaphore(3) take 3 waves (0.3 to 0.45 s)",
      0.29 <= sem_elapsed <= 0.45, f"{sem_elapsed:.3f} s")
claim("no thread passes Event.wait() before set(), all pass soon after",
      early == 0 and len(started_at) == 5 and latest < 0.1, f"{early} early, last {latest * 1000:.1f} ms after set()")
claim("Condition keeps the bounded buffer within capacity and delivers every item in order",
      received == list(range(ITEMS)) and largest <= CAPACITY, f"{len(received)} items, largest {largest}")
if failed:
    print(f"{len(failed)} claim(s) failed")
    sys.exit(1)
