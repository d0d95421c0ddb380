"""The per-thread records follow the Thread objects:

- after join() returns, the thread's record says alive=False, as is_alive() does
  (checked for 100 short threads, not one may lag);
- a thread that renames itself, and a thread renamed by another thread, both appear
  under the new name (the record's name is Thread.name).
"""
import sys
import threading
import time


def by_name(name):
    recs = [r for r in sys._gil_stats()["threads"] if r["name"] == name]
    assert len(recs) == 1, f"{len(recs)} records named {name!r}; names: {[r['name'] for r in sys._gil_stats()['threads']]}"
    return recs[0]


still_alive = []
for k in range(100):
    t = threading.Thread(target=time.sleep, args=(0.0005,), name=f"short-{k}")
    t.start()
    t.join()
    assert not t.is_alive()
    if by_name(t.name)["alive"]:
        still_alive.append(t.name)
assert not still_alive, (
    f"{len(still_alive)} of 100 threads still alive=True in _gil_stats() after join() returned "
    f"(is_alive() says False): {', '.join(still_alive[:5])}...")


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
