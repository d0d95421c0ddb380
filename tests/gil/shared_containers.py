# gilded-args: --switch-interval 1 --gil-policy fair
"""Several threads mutating one list, dict, set or object at N=1 (the GIL may change
hands between any two instructions) never corrupt it or crash the interpreter; they
can only lose read-modify-write updates:

- list.append, dict/set stores of distinct keys, list.pop are single calls, so
  nothing is lost: lengths and contents are exact;
- `d[k] = d.get(k, 0) + 1` and `obj.n += 1` are several instructions, so updates may
  be lost, but every value stays a sane int, no larger than the number of updates.
"""
import gil
import threading

THREADS = 4
N = 1000


class Box:
    def __init__(self):
        self.n = 0


shared_list = []
disjoint = {}
shared_counts = {}
shared_set = set()
box = Box()
queue_like = []
consumed = []
producers_done = threading.Event()
arrived = []


def start_line(arrived, n):
    """Spin until `n` threads have arrived. Then all of them are runnable and queued for
    the GIL, so their work interleaves from its first instruction: a blocking barrier
    would leave some asleep in the OS for a while, and on a busy machine a short
    workload could finish before they wake."""
    arrived.append(1)
    while len(arrived) < n:
        pass


def mutator(k):
    start_line(arrived, THREADS + 2)
    for i in range(N):
        shared_list.append(k * N + i)
        disjoint[(k, i)] = i
        if i % 2 == 0:
            shared_counts[i % 10] = shared_counts.get(i % 10, 0) + 1
            box.n += 1
            shared_set.add(k * N + i)


def producer(k):
    start_line(arrived, THREADS + 2)
    for i in range(N):
        queue_like.append((k, i))


def consumer():
    while True:
        try:
            consumed.append(queue_like.pop())
        except IndexError:
            if producers_done.is_set() and not queue_like:
                return


mutators = [threading.Thread(target=mutator, args=(k,)) for k in range(THREADS)]
producers = [threading.Thread(target=producer, args=(k,)) for k in range(2)]
consumers = [threading.Thread(target=consumer) for _ in range(2)]
for t in mutators + producers + consumers:
    t.start()
for t in mutators + producers:
    t.join()
producers_done.set()
for t in consumers:
    t.join()

st = gil.stats()
assert st["global"]["switches"] > THREADS * N, f"only {st['global']['switches']} switches at N=1: no real interleaving"
total = THREADS * N
assert len(shared_list) == total, f"list has {len(shared_list)} items after {total} appends"
assert sorted(shared_list) == list(range(total)), "list contents wrong after concurrent appends"
assert len(disjoint) == total, f"dict has {len(disjoint)} keys after {total} distinct stores"
assert all(disjoint[(k, i)] == i for k in range(THREADS) for i in range(N)), "dict values wrong"
assert len(shared_set) == total // 2, f"set has {len(shared_set)} items, expected {total // 2}"
updates = THREADS * (N // 2)
assert sorted(shared_counts) == list(range(0, 10, 2)), f"shared dict keys wrong: {sorted(shared_counts)}"
count_sum = sum(shared_counts.values())
assert all(type(v) is int and 0 < v <= updates for v in shared_counts.values()), shared_counts
assert 0 < count_sum <= updates, f"shared dict counts add up to {count_sum} for {updates} updates"
assert type(box.n) is int and 0 < box.n <= updates, f"box.n is {box.n!r} after {updates} increments"
assert len(consumed) == 2 * N and not queue_like, (
    f"{len(consumed)} consumed + {len(queue_like)} left of {2 * N} produced")
assert len(set(consumed)) == 2 * N, "an item was popped twice"
print(f"shared_containers: {total} appends/stores exact, {len(consumed)} pops exact; "
      f"lost updates: dict {updates - count_sum} of {updates}, attribute {updates - box.n} of {updates}; "
      f"{st['global']['switches']} switches")
