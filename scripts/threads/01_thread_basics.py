"""Threads, the basics: create, start, join, share memory.

A thread is a second line of execution inside the same program. It runs the
function you give it, at the same time as the rest of the program, and it sees
the same variables: all threads of a process share one memory.

Run it:  gilded scripts/threads/01_thread_basics.py   (or: python3 ...)
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


print("== 1. Start a thread, wait for it with join() ==")


def greet(who, pause):
    me = threading.current_thread()
    print(f"  [{me.name}] hello, {who}; I will work for {pause} s")
    time.sleep(pause)
    print(f"  [{me.name}] done")


t = threading.Thread(target=greet, args=("students", 0.2), name="greeter")
t0 = time.perf_counter()
t.start()  # the thread begins running greet() now, in the background
start_took = time.perf_counter() - t0
alive_after_start = t.is_alive()
print(f"  start() returned after {start_took * 1000:.2f} ms; is the thread alive? {alive_after_start}")
t.join()  # wait here until greet() has returned
join_done = time.perf_counter() - t0
print(f"  join() returned after {join_done:.3f} s; is the thread alive? {t.is_alive()}")
print("  start() does not wait for the function; join() does.")

print()
print("== 2. Threads share memory ==")
squares = {}  # one dict, seen by every thread


def square_range(first, last):
    for n in range(first, last):
        squares[n] = n * n


workers = [threading.Thread(target=square_range, args=(k * 25, (k + 1) * 25), name=f"worker-{k}")
           for k in range(4)]
for w in workers:
    w.start()
for w in workers:
    w.join()
print(f"  4 threads filled one dict: {len(squares)} entries; squares[99] = {squares.get(99)}")
print("  No copying, no messages: the main thread simply reads what the workers wrote.")

print()
print("== 3. Every thread has its own identity ==")
idents = {}
all_recorded = threading.Event()


def who_am_i():
    idents[threading.current_thread().name] = threading.get_ident()
    all_recorded.wait()  # stay alive until every thread has written its ident


others = [threading.Thread(target=who_am_i, name=f"t{k}") for k in range(5)]
for o in others:
    o.start()
while len(idents) < 5:
    time.sleep(0.001)
all_recorded.set()
for o in others:
    o.join()
main_ident = threading.get_ident()
for name in sorted(idents):
    print(f"  {name}: ident {idents[name]}")
print(f"  main thread ({threading.main_thread().name}): ident {main_ident}")
print("  Threads alive at the same time never share an ident; once a thread has")
print("  ended, the system may give its ident to a new thread.")

if GILDED:
    print()
    print("== 4. What the GIL saw (gilded's gil.stats()) ==")
    st = gil.stats()
    print(f"  policy {st['policy']}, switch interval {st['switch_interval']} instructions, "
          f"{st['global']['switches']} hand-offs between threads so far")
    print(f"  {'thread':12} {'alive':>5} {'instructions':>12} {'held ms':>8} {'blocked ms':>10}")
    for r in st["threads"]:
        print(f"  {r['name']:12} {str(r['alive']):>5} {r['instructions']:>12} "
              f"{r['held_s'] * 1000:>8.2f} {r['blocked_s'] * 1000:>10.2f}")
    print("  'held' is time running Python code (holding the GIL); 'blocked' is time")
    print("  asleep or waiting, which other threads can use. The greeter was blocked")
    print("  almost all of its life: time.sleep() lets go of the GIL.")
    stats_names = [r["name"] for r in st["threads"]]
    greeter = [r for r in st["threads"] if r["name"] == "greeter"]
else:
    print()
    print("(python3: the gil module exists only in gilded; skipping the GIL statistics)")

print()
print("== Claims ==")
claim("start() returns at once while the thread works in the background",
      start_took < 0.05 and alive_after_start, f"start() took {start_took * 1000:.2f} ms, alive: {alive_after_start}")
claim("join() waits until the thread's function has returned",
      join_done >= 0.2 and not t.is_alive(), f"join() returned at {join_done:.3f} s for a 0.2 s job")
claim("threads share memory: the main thread sees every entry the 4 workers wrote",
      len(squares) == 100 and all(squares[n] == n * n for n in range(100)), f"{len(squares)} of 100 entries")
claim("threads alive at the same time each have their own identity, different from the main thread's",
      len(set(idents.values())) == 5 and main_ident not in idents.values(), f"{len(set(idents.values()))} distinct idents")
if GILDED:
    claim("the GIL statistics list every thread started, and a sleeping thread barely holds the GIL",
          all(o.name in stats_names for o in others + workers + [t])
          and greeter and greeter[0]["held_s"] < 0.02 and greeter[0]["blocked_s"] >= 0.19,
          f"greeter held {greeter[0]['held_s'] * 1000:.2f} ms, blocked {greeter[0]['blocked_s']:.3f} s"
          if greeter else "greeter missing")
if failed:
    print(f"{len(failed)} claim(s) failed")
    sys.exit(1)
