"""The per-thread records follow the Thread objects:

- after join() returns, the thread's record says alive=False, as is_alive() does
  (checked for 100 short threads, not one may lag), has its ended_ns set, and counts
  its 0.5 ms sleep in blocked_by["sleep"]; the main thread that joined them has
  blocked_by["join"] > 0;
- a thread that renames itself, and a thread renamed by another thread, both appear
  under the new name (the record's name is Thread.name).
"""
import gil
import threading
import time


def by_name(name):
    recs = [r for r in gil.stats()["threads"] if r["name"] == name]
    assert len(recs) == 1, f"{len(recs)} records named {name!r}; names: {[r['name'] for r in gil.stats()['threads']]}"
    return recs[0]


still_alive = []
for k in range(100):
    t = threading.Thread(target=time.sleep, args=(0.0005,), name=f"short-{k}")
    t.start()
    t.join()
    assert not t.is_alive()
    rec = by_name(t.name)
    if rec["alive"]:
        still_alive.append(t.name)
    else:
        assert rec["ended_ns"] is not None and rec["ended_ns"] >= rec["started_ns"], (
            f"{t.name}: alive=False but ended_ns {rec['ended_ns']!r} (started_ns {rec['started_ns']})")
        assert rec["blocked_by"]["sleep"] >= 0.0005 * 0.99, (
            f"{t.name} slept 0.5 ms but blocked_by['sleep'] is {rec['blocked_by']['sleep'] * 1000:.3f} ms")
assert not still_alive, (
    f"{len(still_alive)} of 100 threads still alive=True in gil.stats() after join() returned "
    f"(is_alive() says False): {', '.join(still_alive[:5])}...")
main_join = by_name("MainThread")["blocked_by"]["join"]
assert main_join > 0, f"the main thread joined 100 threads but blocked_by['join'] is {main_join!r}"


def rename_myself():
    threading.current_thread().name = "renamed-itself"


self_renamer = threading.Thread(target=rename_myself, name="self-renamer")
self_renamer.start()
self_renamer.join()
by_name("renamed-itself")

go = threading.Event()
other = threading.Thread(target=go.wait, name="before-rename")
other.start()
other.name = "renamed-by-main"
go.set()
other.join()
by_name("renamed-by-main")
print("stats_alive_and_names: 100 joined threads alive=False; self-renamed and renamed-by-another threads listed under their new names")
