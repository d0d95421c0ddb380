# gilded-args: --switch-interval 1 --gil-policy fair
"""Mutual exclusion, with many threads and the finest switching there is.

Part 1 (N=1: a hand-off offer after every instruction, so the GIL changes hands in
the middle of every critical section): a threading.Lock admits one thread at a time
(a counter of threads inside its critical section never exceeds 1), and a multi-step
update it guards (a transfer between two accounts) keeps its invariant: an auditor
reading under the same lock always sees the same total.

Part 2 (4 CPU-bound threads, N=100,000 so that the GIL is nearly always held): the
interpreter lock itself is exclusive. Held periods of different threads never
overlap, so the held times of all threads add up to at most the wall-clock time
(tolerance: 2% + 5 ms) though the GIL is busy (held at least 70% of the time); two
truly parallel threads on this 2-core machine would add up to twice the wall time.
And the process uses about one core (CPU time at most 1.3x the wall time).
"""
import gil
import sys
import threading
import time

THREADS = 8
TRANSFERS = 150  # per thread; at N=1 every instruction is a possible switch
ACCOUNTS = 10

accounts = [100] * ACCOUNTS
TOTAL = sum(accounts)
lock = threading.Lock()
inside = 0
max_inside = 0
audits = []
audit_running = True
arrived = []


def start_line(arrived, n):
    """Spin until `n` threads have arrived. Then all of them are runnable and queued for
    the GIL, so their work interleaves from its first instruction: a blocking barrier
    would leave some asleep in the OS for a while, and on a busy machine a short
    workload could finish before they wake."""
    arrived.append(1)
    while len(arrived) < n:
        pass


def transfer_worker(seed):
    global inside, max_inside
    start_line(arrived, THREADS)
    x = seed
    for _ in range(TRANSFERS):
        x = (x * 1103515245 + 12345) % 2147483648
        src = x % ACCOUNTS
        dst = (x // ACCOUNTS) % ACCOUNTS
        amount = x % 7
        with lock:
            inside += 1
            if inside > max_inside:
                max_inside = inside
            accounts[src] -= amount
            accounts[dst] += amount
            inside -= 1


def auditor():
    while audit_running:
        with lock:
            audits.append(sum(accounts))
        time.sleep(0.0005)


aud = threading.Thread(target=auditor, name="auditor")
aud.start()
workers = [threading.Thread(target=transfer_worker, args=(i + 1,), name=f"w{i}")
           for i in range(THREADS)]
for t in workers:
    t.start()
for t in workers:
    t.join()
audit_running = False
aud.join()
audits.append(sum(accounts))

part1 = gil.stats()
assert max_inside == 1, f"{max_inside} threads were inside the lock at once (must be 1)"
bad = [a for a in audits if a != TOTAL]
assert not bad, f"total changed under the lock: saw {bad[:5]} (expected {TOTAL}) in {len(audits)} audits"
assert len(audits) >= 2, f"the auditor ran only {len(audits)} times"
assert part1["global"]["switches"] >= THREADS * TRANSFERS, (
    f"only {part1['global']['switches']} switches at N=1 for {THREADS * TRANSFERS} transfers: "
    f"the critical sections were not really contended")

# Part 2: the GIL never has two holders.
sys.setswitchinterval(100_000)
spin_running = True


def spin():
    n = 0
    while spin_running:
        n += 1


t0 = time.perf_counter()
c0 = time.process_time()
time.sleep(0.001)  # the main thread's current hold starts after t0
gil.reset_stats()
spinners = [threading.Thread(target=spin) for _ in range(4)]
for t in spinners:
    t.start()
time.sleep(0.6)
spin_running = False
for t in spinners:
    t.join()
wall = time.perf_counter() - t0
cpu = time.process_time() - c0
st = gil.stats()
held = sum(r["held_s"] for r in st["threads"])
assert held <= wall * 1.02 + 0.005, (
    f"threads held the GIL {held:.3f} s in total within {wall:.3f} s of wall time: holds overlapped")
assert held >= wall * 0.7, (
    f"threads held the GIL only {held:.3f} s of {wall:.3f} s while 4 CPU-bound threads ran "
    f"(held time not measured?)")
assert cpu <= wall * 1.3, f"the process used {cpu:.3f} s of CPU in {wall:.3f} s: more than one core"

print(f"mutual_exclusion: lock max inside={max_inside}, {len(audits)} audits all {TOTAL}, "
      f"{part1['global']['switches']} switches at N=1; GIL held {held:.3f} s of {wall:.3f} s wall "
      f"({held / wall:.1%}), CPU {cpu:.3f} s ({cpu / wall:.2f} cores)")
