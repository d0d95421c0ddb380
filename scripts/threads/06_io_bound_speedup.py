"""I/O-bound work does get faster with threads.

A thread that waits (for the disk, the network, a timer) gives the GIL up while it
waits, so other threads run meanwhile: ten waits of 0.2 s overlap and take 0.2 s in
all, not 2 s. Here the waits are time.sleep(); a real program would wait in
socket.recv() or file.read(), which release the GIL the same way.

Run it:  gilded scripts/threads/06_io_bound_speedup.py   (or: python3 ...)
"""
import sys
import threading
import time

try:
    import gil  # gilded's built-in module: the GIL's statistics and settings
except ImportError:  # python3 has no such module
    gil = None
GILDED = gil is not None
TASKS = 10
WAIT = 0.2
failed = []


def claim(text, ok, measured):
    """Print whether a claim this lesson makes held, with what was measured."""
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


def download(k, results):
    """Wait for the 'server', then do a little work with the answer."""
    time.sleep(WAIT)
    results[k] = sum(range(1000)) + k


print(f"== {TASKS} downloads of {WAIT} s each ==")
results_seq = [None] * TASKS
t0 = time.perf_counter()
for k in range(TASKS):
    download(k, results_seq)
seq_time = time.perf_counter() - t0
print(f"  one after the other: {seq_time:.3f} s")

if GILDED:
    gil.reset_stats()
results_thr = [None] * TASKS
threads = [threading.Thread(target=download, args=(k, results_thr), name=f"download-{k}")
           for k in range(TASKS)]
t0 = time.perf_counter()
for t in threads:
    t.start()
for t in threads:
    t.join()
thr_time = time.perf_counter() - t0
speedup = seq_time / thr_time
print(f"  {TASKS} threads at once:  {thr_time:.3f} s   (speed-up {speedup:.1f}x)")
print("  The waits overlapped: every thread slept at the same time.")

if GILDED:
    st = gil.stats()
    recs = [r for r in st["threads"] if r["name"].startswith("download-")]
    held = sum(r["held_s"] for r in recs)
    blocked = sum(r["blocked_s"] for r in recs)
    print()
    print("== What the GIL saw ==")
    print(f"  the {TASKS} threads were blocked {blocked:.2f} s in all (each about {WAIT} s),")
    print(f"  and held the GIL only {held * 1000:.2f} ms in all: the GIL was free while they waited.")
else:
    print()
    print("(python3: the gil module exists only in gilded; skipping the GIL statistics)")

print()
print("Reading a local file releases the GIL too, but it takes microseconds: there is")
print("little waiting to overlap. Threads pay off when the waits are long: network,")
print("databases, slow devices, people.")

print()
print("== Claims ==")
claim("threads speed up I/O-bound work: 10 waits of 0.2 s take far less than 2 s",
      speedup >= 5 and thr_time <= 2.5 * WAIT, f"{thr_time:.3f} s, speed-up {speedup:.1f}x")
claim("the threaded run computed the same results", results_thr == results_seq, f"{TASKS} results")
if GILDED:
    claim("a waiting thread does not hold the GIL", held < 0.05 * blocked and blocked >= TASKS * WAIT * 0.9,
          f"held {held * 1000:.2f} ms, blocked {blocked:.2f} s")
if failed:
    print(f"{len(failed)} claim(s) failed")
    sys.exit(1)
