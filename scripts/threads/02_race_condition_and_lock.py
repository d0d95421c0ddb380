"""Race conditions, and the Lock that prevents them.

`counter += 1` looks like one step, but the interpreter runs it as several
instructions: read counter, add 1, write counter back. If another thread runs in
between the read and the write, both threads write back the same value and one
increment is lost. The GIL does not prevent this: it only makes sure that one
instruction at a time runs, not one *statement* at a time.

To make the effect easy to see, this lesson asks for a thread switch as often as
possible: in gilded, sys.setswitchinterval(1) means "offer the GIL to another
thread after every single instruction"; in CPython the interval is in seconds,
and the smallest useful value is about a microsecond.

Run it:  gilded scripts/threads/02_race_condition_and_lock.py   (or: python3 ...)
"""
import dis
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


if GILDED:
    sys.setswitchinterval(1)  # instructions: switch as often as possible
    PER_THREAD = 3000
else:
    sys.setswitchinterval(1e-6)  # seconds, in CPython
    PER_THREAD = 100_000
THREADS = 2
EXPECTED = THREADS * PER_THREAD
counter = 0


def increment_unsafely():
    global counter
    for _ in range(PER_THREAD):
        counter += 1


def add_one(value):
    return value + 1


def increment_through_a_call():
    global counter
    for _ in range(PER_THREAD):
        counter = add_one(counter)


lock = threading.Lock()


def increment_with_lock():
    global counter
    for _ in range(PER_THREAD):
        with lock:
            counter = add_one(counter)


def run(worker):
    """Run `worker` in THREADS threads from counter = 0; return (counter, seconds, switches)."""
    global counter
    counter = 0
    # A starting line: each thread waits there, spinning, until all have arrived, so
    # that they really run at the same time. Without it the first thread could finish
    # its short loop before the operating system has even woken the second one.
    arrived = []

    def at_the_line():
        arrived.append(1)
        while len(arrived) < THREADS:
            pass
        worker()

    threads = [threading.Thread(target=at_the_line) for _ in range(THREADS)]
    if GILDED:
        gil.reset_stats()
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.perf_counter() - t0
    switches = gil.stats()["global"]["switches"] if GILDED else None
    return counter, elapsed, switches


def report(title, result):
    value, elapsed, switches = result
    lost = EXPECTED - value
    print(f"  {title}: counter = {value} of {EXPECTED}, lost {lost} ({lost / EXPECTED:.1%}) "
          f"in {elapsed:.2f} s" + (f", {switches} GIL hand-offs" if switches is not None else ""))
    return lost


def rounds_until_lost(title, worker, rounds=5):
    """Repeat the unprotected experiment until an update is lost (at most `rounds`
    times); return the largest loss seen."""
    worst = 0
    for k in range(rounds):
        worst = max(worst, report(f"{title}, round {k + 1}", run(worker)))
        if worst > 0:
            break
    return worst


print("== What `counter += 1` really is ==")


def one_increment():
    global counter
    counter += 1


dis.dis(one_increment)
print("  The value is loaded, added to, and stored back by separate instructions.")
print()

print(f"== 1. {THREADS} threads x {PER_THREAD} unprotected `counter += 1` ==")
lost_plain = rounds_until_lost("no lock", increment_unsafely, rounds=5 if GILDED else 1)
if GILDED:
    print("  With a switch offered after every instruction, the threads interleave")
    print("  between the load and the store, and increments vanish.")
    print("  At N=1 the fair policy is a perfect round-robin: the two threads advance in")
    print("  lockstep, one instruction each. Whether an increment is lost then depends")
    print("  only on how their loops happen to line up at the start: in some rounds")
    print("  they line up so that their loads and stores never overlap, and nothing is")
    print("  lost. A race can hide for a long time and strike later: that is what makes")
    print("  races hard to find by testing.")
else:
    print("  CPython 3.10+ only switches threads at loop back-edges and calls, never")
    print("  inside `counter += 1`, so this race usually hides there. It is still a race:")
    print("  put a function call between the read and the write and it shows up (part 2).")
print()

print(f"== 2. The same with a call in between: `counter = add_one(counter)` ==")
lost_call = rounds_until_lost("no lock", increment_through_a_call)
print()

print(f"== 3. With a Lock: `with lock: counter = add_one(counter)` ==")
locked = run(increment_with_lock)
lost_locked = report("lock", locked)
print("  Only the thread holding the lock may read-modify-write the counter; a thread")
print("  that is switched out inside the `with` block keeps the lock, so the other")
print("  thread waits instead of reading a stale value. Correct, but slower: the lock")
print("  is taken and released for every single increment.")
print()

print("== Claims ==")
if GILDED:
    claim("without a lock, `counter += 1` in two threads loses updates when the GIL can switch "
          "after every instruction", lost_plain > 0, f"lost {lost_plain} of {EXPECTED}")
else:
    print("(python3: the plain `counter += 1` race is not claimed; CPython 3.11 seldom switches inside it)")
claim("a read-modify-write with a call in the middle loses updates without a lock",
      lost_call > 0, f"lost {lost_call} of {EXPECTED}")
claim("with a Lock around the read-modify-write, no update is lost",
      lost_locked == 0, f"counter {locked[0]} of {EXPECTED}")
if failed:
    print(f"{len(failed)} claim(s) failed")
    sys.exit(1)
