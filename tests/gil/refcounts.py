# gilded-args: --switch-interval 1 --gil-policy fair
"""Reference counts stay exact while many threads take and drop references at N=1
(the GIL may change hands between any two instructions):

- 8 threads each push a shared object into a shared list 300 times, hold it in
  locals, tuples and lists, and pop 150 of their pushes back: afterwards
  sys.getrefcount(obj) is exactly the baseline plus the references left in the list,
  and back to the baseline once the list is cleared;
- every object the threads create and drop (with a __del__ counting frees) is freed
  exactly once, and the shared object is freed exactly once at `del`.
"""
import gil
import sys
import threading

THREADS = 8
PUSHES = 300
POPS = 150

freed = []


class Tracked:
    def __init__(self, tag):
        self.tag = tag

    def __del__(self):
        freed.append(self.tag)


obj = Tracked("shared")
holders = []
baseline = sys.getrefcount(obj)
arrived = []


def start_line(arrived, n):
    """Spin until `n` threads have arrived. Then all of them are runnable and queued for
    the GIL, so their work interleaves from its first instruction: a blocking barrier
    would leave some asleep in the OS for a while, and on a busy machine a short
    workload could finish before they wake."""
    arrived.append(1)
    while len(arrived) < n:
        pass


def worker(k):
    start_line(arrived, THREADS)
    for i in range(PUSHES):
        holders.append(obj)
        local = obj
        pair = (obj, local)
        box = [obj, obj]
        temp = Tracked((k, i))
        del local, pair, box, temp
        if i % 2 == 1:
            holders.pop()  # any thread's push: they are all the same object


threads = [threading.Thread(target=worker, args=(k,)) for k in range(THREADS)]
for t in threads:
    t.start()
for t in threads:
    t.join()
del t

st = gil.stats()
assert st["global"]["switches"] > THREADS * PUSHES, f"only {st['global']['switches']} switches: no real interleaving"
left = THREADS * (PUSHES - POPS)
assert len(holders) == left, f"{len(holders)} references in the list, expected {left}"
count = sys.getrefcount(obj)
assert count == baseline + left, (
    f"getrefcount is {count}, expected baseline {baseline} + {left} in the list = {baseline + left}")
holders.clear()
count = sys.getrefcount(obj)
assert count == baseline, f"getrefcount is {count} after clearing the list, expected baseline {baseline}"
temps = [tag for tag in freed if tag != "shared"]
assert len(temps) == THREADS * PUSHES and len(set(temps)) == len(temps), (
    f"{len(temps)} temporaries freed ({len(set(temps))} distinct), expected {THREADS * PUSHES}")
assert "shared" not in freed, "the shared object was freed while still referenced"
del obj
assert freed.count("shared") == 1, f"the shared object was freed {freed.count('shared')} times at del"
print(f"refcounts: baseline {baseline}, +{left} with the list, back to {baseline}; "
      f"{len(temps)} temporaries freed once each; {st['global']['switches']} switches")
