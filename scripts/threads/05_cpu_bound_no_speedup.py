"""CPU-bound work gets no faster with threads.

Four threads doing pure computation take as long as doing the same four jobs one
after the other: only the thread holding the GIL runs Python code, so the other
three wait their turn, even on a machine with several cores. A hundred threads are
no different: together they still keep one core busy. (Separate processes,
each with its own interpreter and GIL, can use several cores at once: that is the
lesson on processes.)

Run it:  gilded scripts/threads/05_cpu_bound_no_speedup.py   (or: python3 ...)
"""
import sys
import threading
import time

try:
    import gil  # gilded's built-in module: the GIL's statistics and settings
except ImportError:  # python3 has no such module
    gil = None
GILDED = gil is not None
JOBS = 4
failed = []


def claim(text, ok, measured):
    """Print whether a claim this lesson makes held, with what was measured."""
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


def crunch(n):
    """Pure computation: no I/O, no waiting."""
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


# Size one job to take about 0.15 s on this interpreter and machine.
n = 20_000
while True:
    t0 = time.perf_counter()
    crunch(n)
    took = time.perf_counter() - t0
    if took >= 0.03:
        break
    n *= 2
n = int(n * 0.15 / took)
print(f"one job: crunch({n}), about 0.15 s; {JOBS} jobs")


def sequential():
    return [crunch(n) for _ in range(JOBS)]


def in_threads(count, size, name):
    """`count` threads, each running crunch(size); their results in order."""
    results = [None] * count

    def job(k):
        results[k] = crunch(size)

    threads = [threading.Thread(target=job, args=(k,), name=f"{name}-{k}") for k in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def threaded():
    return in_threads(JOBS, n, "cruncher")


def timed(fn):
    t0 = time.perf_counter()
    c0 = time.process_time()
    result = fn()
    return result, time.perf_counter() - t0, time.process_time() - c0


# Three rounds each, alternating, keeping the best time of each: less noise.
seq_times, thr_times, thr_cpu = [], [], []
for _ in range(3):
    seq_result, wall, _ = timed(sequential)
    seq_times.append(wall)
    if GILDED:
        gil.reset_stats()
    thr_result, wall, cpu = timed(threaded)
    thr_times.append(wall)
    thr_cpu.append(cpu)
    if GILDED:
        st = gil.stats()
seq_time, thr_time = min(seq_times), min(thr_times)
ratio = thr_time / seq_time
cores = thr_cpu[-1] / thr_times[-1]
print()
print(f"  one after the other: {seq_time:.3f} s")
print(f"  {JOBS} threads at once:  {thr_time:.3f} s   (threads / sequential = {ratio:.2f})")
print(f"  CPU time used by the process while the threads ran: {thr_cpu[-1]:.3f} s "
      f"in {thr_times[-1]:.3f} s = {cores:.2f} cores busy")
print("  Same total work, same time, one core: the threads took turns.")

if GILDED:
    print()
    print("== What the GIL saw (last threaded round) ==")
    wall = thr_times[-1]
    crunchers = [r for r in st["threads"] if r["name"].startswith("cruncher-")][-JOBS:]
    for r in crunchers:
        print(f"  {r['name']}: held the GIL {r['held_s']:.3f} s, waited for it {r['waiting_s']:.3f} s, "
              f"{r['acquisitions']} turns")
    held = sum(r["held_s"] for r in crunchers)
    print(f"  together they held it {held:.3f} s of {wall:.3f} s: the GIL was never idle and")
    print(f"  never held twice; {st['global']['switches']} hand-offs, one every "
          f"{st['switch_interval']} instructions.")
else:
    print()
    print("(python3: the gil module exists only in gilded; skipping the GIL statistics)")

print()
print("== One hundred threads ==")
# The article: "even if you create one hundred threads, all of them will run in a
# single core because of the GIL". 100 small jobs, about 0.4 s of work in all.
MANY = 100
n_small = max(1, int(n * 0.4 / 0.15 / MANY))


def hundred():
    return in_threads(MANY, n_small, "hundred")


if GILDED:
    gil.reset_stats()
many_result, many_wall, many_cpu = timed(hundred)
many_cores = many_cpu / many_wall
print(f"  {MANY} threads, each crunch({n_small}): {many_wall:.3f} s wall, {many_cpu:.3f} s of CPU time "
      f"= {many_cores:.2f} cores busy")
if GILDED:
    many_st = gil.stats()
    hundred_rows = [r for r in many_st["threads"] if r["name"].startswith("hundred-")][-MANY:]
    many_held = sum(r["held_s"] for r in hundred_rows)
    ran = sum(1 for r in hundred_rows if r["instructions"] > 0)
    instr = [r["instructions"] for r in hundred_rows]
    print(f"  all {ran} of {len(hundred_rows)} threads ran ({min(instr)}..{max(instr)} instructions each);")
    print(f"  together they held the GIL {many_held:.3f} s of the {many_wall:.3f} s: one at a time,")
    print(f"  with {many_st['global']['switches']} hand-offs between them.")
else:
    print("  (python3: the gil module exists only in gilded; skipping the GIL statistics)")
print("  A hundred threads, and still one core's worth of CPU time: the GIL lets only")
print("  one of them run Python code at any moment.")

print()
print("== Claims ==")
claim("threads give no speedup for CPU-bound work", 0.85 <= ratio <= 1.3,
      f"threads/sequential = {ratio:.2f}, expected 0.85..1.3")
claim("the threads computed the same results", thr_result == seq_result, f"{len(thr_result)} results")
claim("CPU-bound threads keep about one core busy, not more", cores <= 1.3, f"{cores:.2f} cores")
if GILDED:
    # The lower bound is loose: on a machine busy with other work, a thread handed the
    # GIL may wait for a CPU before it runs, and for that moment nobody holds the lock.
    claim("the GIL's held times add up to the wall time: always one holder, never two",
          0.6 * wall <= held <= 1.02 * wall + 0.005, f"held {held:.3f} s in {wall:.3f} s")
    claim("each thread waited for the GIL for most of its life",
          all(r["waiting_s"] >= 0.5 * wall for r in crunchers),
          "waited " + ", ".join(f"{r['waiting_s']:.3f}" for r in crunchers) + f" s of {wall:.3f} s")
claim(f"{MANY} CPU-bound threads keep about one core busy, not more", many_cores <= 1.3,
      f"{many_cpu:.3f} s CPU in {many_wall:.3f} s = {many_cores:.2f} cores")
claim(f"the {MANY} threads computed the same results", many_result == [crunch(n_small)] * MANY,
      f"{len(many_result)} results")
if GILDED:
    claim(f"all {MANY} threads ran, yet their GIL-held times add up to no more than the wall time",
          ran == MANY and many_held <= 1.02 * many_wall + 0.005,
          f"{ran} threads ran, held {many_held:.3f} s in {many_wall:.3f} s")
if failed:
    print(f"{len(failed)} claim(s) failed")
    sys.exit(1)
