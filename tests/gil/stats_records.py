"""sys._gil_stats()['threads'] describes every thread truthfully:

- the main thread first, then every thread in start order, finished ones kept (also
  across _gil_stats_reset());
- each record's ident and name are the thread's (threading.get_ident(), Thread.name);
- instruction counts are exact within 1,000 per thread: a thread that runs a loop of
  a measured cost has that many instructions (compared with the main thread running
  the same loop), and a thread that ran even a few instructions has a count above 0
  once it has finished.
"""
import sys
import threading
import time


def loop(n):
    i = 0
    while i < n:
        i += 1


def by_name(name):
    recs = [r for r in sys._gil_stats()["threads"] if r["name"] == name]
    assert len(recs) == 1, f"{len(recs)} records named {name!r}: {recs}"
    return recs[0]


main = sys._gil_stats()["threads"][0]
assert main["name"] == "MainThread" and main["ident"] == threading.get_ident() and main["alive"] is True, main

# Start order, names, idents; finished threads kept; renaming.
idents = {}


def note_ident():
    idents[threading.current_thread().name] = threading.get_ident()
    time.sleep(0.01)


first = [threading.Thread(target=note_ident, name=f"first-{k}") for k in range(3)]
for t in first:
    t.start()
for t in first:
    t.join()
sys._gil_stats_reset()
last = threading.Thread(target=note_ident, name="last")
last.start()
last.join()
names = [r["name"] for r in sys._gil_stats()["threads"]]
assert names[:5] == ["MainThread", "first-0", "first-1", "first-2", "last"], (
    f"threads not listed in start order (or finished ones dropped at reset): {names}")
for t in first:
    rec = by_name(t.name)
    assert rec["ident"] == idents[t.name] == t.ident, f"{t.name}: record ident {rec['ident']}, thread {t.ident}"

# Instruction counts.
N = 200_000
sys._gil_stats_reset()
before = by_name("MainThread")["instructions"]
loop(N)
loop(0)  # a call that ends with a periodic check is not guaranteed; tolerance covers it
main_cost = by_name("MainThread")["instructions"] - before
worker = threading.Thread(target=loop, args=(N,), name="counted")
worker.start()
worker.join()
counted = by_name("counted")["instructions"]
assert abs(counted - main_cost) <= 2000, (
    f"a thread running loop({N}) counted {counted} instructions; the main thread, {main_cost}")
tiny = threading.Thread(target=loop, args=(3,), name="tiny")
tiny.start()
tiny.join()
tiny_count = by_name("tiny")["instructions"]
assert 0 < tiny_count < 1000, f"a finished thread that ran loop(3) counted {tiny_count} instructions"
print(f"stats_records: start order, names and idents right; "
      f"loop({N}) = {counted} instructions in a thread vs {main_cost} in main; loop(3) = {tiny_count}")
