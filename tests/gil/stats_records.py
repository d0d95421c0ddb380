"""gil.stats()['threads'] describes every thread truthfully:

- the main thread first, then every thread in start order, finished ones kept (also
  across gil.reset_stats());
- each record's ident and name are the thread's (threading.get_ident(), Thread.name);
- blocked_by splits blocked_s by reason (it adds up within 1e-6 s): a thread that
  slept 10 ms has blocked_by["sleep"] >= 10 ms, the main thread that joined it has
  blocked_by["join"] > 0; ended_ns is null exactly while a thread is alive, and the
  longest hold and wait are no longer than the totals;
- instruction counts are exact within 1,000 per thread: a thread that runs a loop of
  a measured cost has that many instructions (compared with the main thread running
  the same loop), and a thread that ran even a few instructions has a count above 0
  once it has finished.
"""
import gil
import threading
import time


def loop(n):
    i = 0
    while i < n:
        i += 1


def by_name(name):
    recs = [r for r in gil.stats()["threads"] if r["name"] == name]
    assert len(recs) == 1, f"{len(recs)} records named {name!r}: {recs}"
    return recs[0]


main = gil.stats()["threads"][0]
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
gil.reset_stats()
last = threading.Thread(target=note_ident, name="last")
last.start()
last.join()
names = [r["name"] for r in gil.stats()["threads"]]
assert names[:5] == ["MainThread", "first-0", "first-1", "first-2", "last"], (
    f"threads not listed in start order (or finished ones dropped at reset): {names}")
for t in first:
    rec = by_name(t.name)
    assert rec["ident"] == idents[t.name] == t.ident, f"{t.name}: record ident {rec['ident']}, thread {t.ident}"

# Time records: blocked_by splits blocked_s; ended_ns is set once a thread has ended.
REASONS = {"sleep", "io", "lock", "join", "queue", "process", "other"}
st = gil.stats()
for rec in st["threads"]:
    split = rec["blocked_by"]
    assert set(split) == REASONS, f"{rec['name']}: blocked_by keys {sorted(split)}"
    assert abs(sum(split.values()) - rec["blocked_s"]) <= 1e-6, (
        f"{rec['name']}: blocked_by adds up to {sum(split.values())!r}, blocked_s is {rec['blocked_s']!r}")
    assert (rec["ended_ns"] is None) == rec["alive"], f"{rec['name']}: alive {rec['alive']}, ended_ns {rec['ended_ns']}"
    assert st["started_ns"] <= rec["started_ns"] <= (rec["ended_ns"] or st["ended_ns"]) <= st["ended_ns"], (
        f"{rec['name']}: started_ns/ended_ns {rec['started_ns']}/{rec['ended_ns']} outside the report's "
        f"{st['started_ns']}..{st['ended_ns']}")
    assert rec["longest_hold_s"] <= rec["held_s"] + 1e-9 and rec["longest_wait_s"] <= rec["waiting_s"] + 1e-9, (
        f"{rec['name']}: longest hold/wait {rec['longest_hold_s']}/{rec['longest_wait_s']} exceed the totals "
        f"{rec['held_s']}/{rec['waiting_s']}")
last_rec = by_name("last")
assert last_rec["blocked_by"]["sleep"] >= 0.0099, (
    f"'last' slept 0.01 s but blocked_by['sleep'] is {last_rec['blocked_by']['sleep']:.6f} s")
main_join = by_name("MainThread")["blocked_by"]["join"]
assert main_join > 0, f"the main thread joined 'last' but blocked_by['join'] is {main_join!r}"

# Instruction counts.
N = 200_000
gil.reset_stats()
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
