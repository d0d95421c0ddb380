"""Reference counting: how Python knows when an object can go.

Every object carries a count of the references to it: names bound to it, slots
of lists and other containers holding it, function arguments. Binding a name
adds one, `del` takes one away. When the count reaches zero the object is freed
there and then (its __del__ runs, the objects it held lose a reference in turn),
not at some later collection.

Those counts are changed all the time, by every thread. If two threads could
change one count at the same instant, an update could be lost: an object freed
while still in use, or never freed. The GIL prevents that: only one thread runs
bytecode at a time, and each instruction (with the count changes it makes) runs
whole. It does not make a whole *statement* atomic: that is lesson
threads/02_race_condition_and_lock.py, and part 4 shows both at once.

Run it:  gilded scripts/memory/01_reference_counting.py   (or: python3 ...)
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


print("== 1. Counting the references to a fresh object ==")
# A list made at run time: nothing else in the program refers to it, so the
# numbers are the same in every interpreter that counts like CPython.
obj = []
counts = {"obj = []": sys.getrefcount(obj)}
b = obj
counts["b = obj"] = sys.getrefcount(obj)
c = obj
counts["c = obj"] = sys.getrefcount(obj)
holder = [obj]
counts["holder = [obj]"] = sys.getrefcount(obj)


def look(arg):
    """While this runs, its parameter `arg` is one more reference."""
    return sys.getrefcount(arg)


counts["inside look(obj)"] = look(obj)
counts["after look(obj) returned"] = sys.getrefcount(obj)
del holder
counts["del holder"] = sys.getrefcount(obj)
del c
counts["del c"] = sys.getrefcount(obj)
del b
counts["del b"] = sys.getrefcount(obj)
for step, n in counts.items():
    print(f"  {step:26} sys.getrefcount(obj) = {n}")
base = counts["obj = []"]
print(f"  It starts at {base}, not 1: sys.getrefcount(obj) is itself a call, and its")
print("  argument holds one more reference while it counts.")

print()
print("== 2. The article's example: a = 'Hello World'; b = a; c = a ==")
a = 'Hello World'
b = a
c = a
literal_in_script = sys.getrefcount(a)
# The same four statements, each compiled and run on its own, as the interactive
# prompt does: once a line has run, its compiled code is thrown away.
ns = {"sys": sys}
for line in ["a = 'Hello World'", "b = a", "c = a", "n = sys.getrefcount(a)"]:
    exec(line, ns)
literal_line_by_line = ns["n"]
# A string built while the program runs, not written in the source.
built = "".join(["Hello", " ", "World"])
b2 = built
c2 = built
built_at_runtime = sys.getrefcount(built)
del b, c, b2, c2


def seed_in_a_function():
    # Not the very same literal: CPython merges equal constants of one file into
    # one object, and the count would then include the module's holders too.
    a = 'Hello World!'
    b = a
    c = a
    return sys.getrefcount(a)


literal_in_function = seed_in_a_function()
print(f"  in this script:                     sys.getrefcount(a) = {literal_in_script}")
print(f"  the same inside a function:         sys.getrefcount(a) = {literal_in_function}")
print(f"  one statement at a time (a prompt): sys.getrefcount(a) = {literal_line_by_line}")
print(f"  a string built at run time:         sys.getrefcount(s) = {built_at_runtime}")
print("  The article's 4 is a, b, c and getrefcount's own argument. That is what the")
print("  interactive prompt prints, and what any object made at run time shows. A")
print("  literal in a script has two more holders in CPython 3.11: the compiled code's")
print("  table of constants, and the parsed source of the main script, which CPython")
print("  keeps (with every constant in it) until the script has finished; a function")
print("  is no different: its own code's constants, plus the parsed source.")

print()
print("== 3. Freed the moment the last reference goes ==")
log = []  # __del__ writes here: it tells us exactly when each object was freed


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)


t = Tracked("t")
other = t
refs_before = sys.getrefcount(t) - 1  # minus getrefcount's own argument
del t
log_after_first_del = list(log)
del other
log_after_last_del = list(log)
print(f"  t = Tracked('t'); other = t       -> {refs_before} references")
print(f"  del t                             -> log {log_after_first_del}   (other still refers to it)")
print(f"  del other                         -> log {log_after_last_del}  (freed before the next statement)")

log.clear()
box = [Tracked("e0"), Tracked("e1"), Tracked("e2")]
log_while_box_alive = list(log)
del box
log_after_box = list(log)
print(f"  box = [3 Tracked objects]; del box -> log {log_after_box}")
print("  Freeing the list drops its references to its elements; they were the last")
print("  ones, so the elements go too, at once. (CPython drops a list's items from the")
print("  last to the first, hence the order.)")

print()
print("== 4. Threads, shared objects and the GIL ==")
THREADS = 4
saved_interval = sys.getswitchinterval()
if GILDED:
    # An int is an instruction count in gilded: offer the GIL to another thread
    # every 10 instructions, i.e. several times in every turn of the loop below.
    sys.setswitchinterval(10)
    PER_THREAD = 10_000
else:
    sys.setswitchinterval(1e-6)  # seconds, in CPython: as often as it will
    PER_THREAD = 100_000
shared = Tracked("shared")
counter = 0


def bump(value):
    return value + 1


def churn(arrived):
    global counter
    arrived.append(1)
    while len(arrived) < THREADS:  # a starting line, so the threads really overlap
        pass
    mine = []
    for _ in range(PER_THREAD):
        mine.append(shared)  # +1 on shared's count
        x = shared  # +1
        counter = bump(counter)  # a read-modify-write with a call in the middle
        del x  # -1
        mine.pop()  # -1


start_count = sys.getrefcount(shared)
arrived = []
threads = [threading.Thread(target=churn, args=(arrived,), name=f"churner-{k}") for k in range(THREADS)]
if GILDED:
    gil.reset_stats()
t0 = time.perf_counter()
for th in threads:
    th.start()
seen = set()
while any(th.is_alive() for th in threads):  # watch the count move meanwhile
    seen.add(sys.getrefcount(shared))
    time.sleep(0.001)
for th in threads:
    th.join()
elapsed = time.perf_counter() - t0
end_count = sys.getrefcount(shared)
sys.setswitchinterval(saved_interval)
changes = 4 * THREADS * PER_THREAD
expected = THREADS * PER_THREAD
lost = expected - counter
print(f"  {THREADS} threads x {PER_THREAD} turns, each turn 2 references to `shared` taken and")
print(f"  2 dropped: {changes} count changes in {elapsed:.2f} s")
print(f"  sys.getrefcount(shared) before {start_count}, after {end_count}; while they ran the main")
print(f"  thread saw it anywhere from {min(seen)} to {max(seen)}")
print(f"  the counter `counter = bump(counter)`: {counter} of {expected}, lost {lost}")
log_before_del_shared = list(log)
del shared
shared_freed = log[len(log_before_del_shared):] == ["shared"]
if GILDED:
    st = gil.stats()
    churners = [r for r in st["threads"] if r["name"].startswith("churner-")]
    switches = st["global"]["switches"]
    print(f"  the GIL changed hands {switches} times; instructions per thread: "
          + ", ".join(str(r["instructions"]) for r in churners))
else:
    print("  (python3: the gil module exists only in gilded; skipping the GIL statistics)")
print("  Not one count change was lost: each is done inside one instruction, and the")
print("  GIL lets only one thread run an instruction at a time. The counter's updates")
print("  were lost: `counter = bump(counter)` is several instructions, and a thread")
print("  can be switched out between the read and the write.")

print()
print("== Claims ==")
claim("a fresh object's count is 2 inside sys.getrefcount: its name and the call's argument",
      base == 2, f"sys.getrefcount(obj) = {base}")
claim("each new name bound to the object adds exactly 1",
      counts["b = obj"] == base + 1 and counts["c = obj"] == base + 2,
      f"{base} -> {counts['b = obj']} -> {counts['c = obj']}")
claim("putting the object in a list adds exactly 1",
      counts["holder = [obj]"] == counts["c = obj"] + 1,
      f"{counts['c = obj']} -> {counts['holder = [obj]']}")
claim("a function's argument holds a reference while the call runs, and no longer",
      counts["inside look(obj)"] == counts["holder = [obj]"] + 1
      and counts["after look(obj) returned"] == counts["holder = [obj]"],
      f"{counts['inside look(obj)']} inside the call, {counts['after look(obj) returned']} after")
claim("each del removes exactly 1",
      [counts["del holder"], counts["del c"], counts["del b"]] == [base + 2, base + 1, base],
      f"{counts['holder = [obj]']} -> {counts['del holder']} -> {counts['del c']} -> {counts['del b']}")
claim("the article's a, b, c example counts 4 when each statement runs on its own, as at the prompt",
      literal_line_by_line == 4, f"sys.getrefcount(a) = {literal_line_by_line}")
claim("a string built at run time, with 3 names, counts 4 too",
      built_at_runtime == 4, f"sys.getrefcount = {built_at_runtime}")
claim("the same literal in a script counts 2 more: the code's constants and the kept parsed source",
      literal_in_script == 6 and literal_in_function == 6,
      f"sys.getrefcount(a) = {literal_in_script} at module level, {literal_in_function} in a function")
claim("an object is not freed while another reference remains",
      log_after_first_del == [], f"log after `del t`: {log_after_first_del}, {refs_before} references before")
claim("an object is freed the moment its last reference goes, before the next statement",
      log_after_last_del == ["t"], f"log after `del other`: {log_after_last_del}")
claim("freeing a list frees the elements it alone held",
      log_while_box_alive == [] and sorted(log_after_box) == ["e0", "e1", "e2"],
      f"log {log_while_box_alive} before, {log_after_box} after `del box`")
claim(f"{THREADS} threads changing one object's count {changes} times leave it exactly where it was",
      end_count == start_count and shared_freed,
      f"before {start_count}, after {end_count}; freed on `del shared`: {shared_freed}")
claim("meanwhile a statement of several instructions, `counter = bump(counter)`, lost updates",
      lost > 0, f"lost {lost} of {expected}")
if GILDED:
    claim("the threads really interleaved: the GIL changed hands many times, every thread ran",
          switches >= 1000 and len(churners) == THREADS and all(r["instructions"] > 0 for r in churners),
          f"{switches} hand-offs, {len(churners)} threads ran")
if failed:
    print(f"{len(failed)} claim(s) failed")
    sys.exit(1)
