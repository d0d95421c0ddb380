"""Starting a process costs much more than starting a thread, in time and in memory.

A thread is a new stack in the same process: start() + join() of an empty function
takes tens of microseconds. A process is a new interpreter: gilded starts its own
binary again and sends it the function; CPython forks (or, with "spawn", starts a new
python3 too). That is why pools keep their worker processes: pay the start once.

Memory too: a thread adds a stack and a little bookkeeping to its process, while a
process has a whole interpreter of its own. And for I/O-bound work, where there is no
computation to spread over cores, a process pool pays those costs for nothing: a
thread pool does the same waiting sooner.

Run it:  gilded scripts/processes/05_creation_overhead.py   (or: python3 ...)
"""
import multiprocessing
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

try:
    spawn_process  # noqa: B018  (gilded's builtin; python3 has none)
    GILDED = True
except NameError:
    GILDED = False
failed = []


def median(values):
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2


def claim(text, ok, measured):
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


def nothing():
    pass


def median_us(start_and_join, count):
    times = []
    for _ in range(count):
        t0 = time.perf_counter()
        start_and_join()
        times.append(time.perf_counter() - t0)
    return median(times) * 1e6


def thread_once():
    t = threading.Thread(target=nothing)
    t.start()
    t.join()


def process_once():
    p = multiprocessing.Process(target=nothing)
    p.start()
    p.join()


def spawn_once():
    spawn_process(nothing).join()  # noqa: F821  (gilded's builtin)


def pss_kb():
    """This process's memory in kB: its own resident pages, plus its share of the pages
    it shares with other processes (Linux's proportional set size), or None elsewhere."""
    try:
        with open("/proc/self/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def report_pss(queue):
    queue.put(pss_kb())


def memory_costs(threads=20):
    """(kB one thread adds to this process, kB a new process uses), both measured."""
    stop = threading.Event()
    before = pss_kb()
    waiting = [threading.Thread(target=stop.wait) for _ in range(threads)]
    for t in waiting:
        t.start()
    after = pss_kb()  # every thread alive, blocked in wait()
    stop.set()
    for t in waiting:
        t.join()
    queue = multiprocessing.Queue()
    p = multiprocessing.Process(target=report_pss, args=(queue,))
    p.start()
    child = queue.get()
    p.join()
    if before is None or after is None or child is None:
        return None, None
    return (after - before) / threads, child


def io_task(n):
    time.sleep(0.005)  # a short wait, as for a small network request
    return n


def pool_seconds(pool_class, tasks=32, workers=8):
    """Start a pool, run the I/O-bound tasks through it, shut it down."""
    t0 = time.perf_counter()
    with pool_class(max_workers=workers) as pool:
        results = list(pool.map(io_task, range(tasks)))
    assert results == list(range(tasks))
    return time.perf_counter() - t0


def main():
    thread_us = median_us(thread_once, 200)
    process_us = median_us(process_once, 30)
    print(f"  thread start() + join():  median {thread_us:10.1f} us (200 runs)")
    print(f"  Process start() + join(): median {process_us:10.1f} us (30 runs, "
          f"start method {multiprocessing.get_start_method()})")
    if GILDED:
        spawn_us = median_us(spawn_once, 30)
        print(f"  spawn_process(f).join():  median {spawn_us:10.1f} us (30 runs)")
    else:
        spawn_us = None
        print("  (spawn_process is gilded's builtin: not measured under python3)")
    ratio = process_us / thread_us
    print(f"\n  a process costs {ratio:.0f}x a thread to start and join.")
    print()
    print("== Memory ==")
    thread_kb, process_kb = memory_costs()
    if thread_kb is None:
        print("  (no /proc/self/smaps_rollup on this system: memory not measured)")
    else:
        print(f"  each of 20 waiting threads added {thread_kb:8.0f} kB to this process")
        print(f"  a child process with nothing to do uses {process_kb:5.0f} kB (its share)")
    print()
    print("== I/O-bound tasks on a pool: threads or processes? ==")
    thread_pool = median([pool_seconds(ThreadPoolExecutor) for _ in range(3)])
    process_pool = median([pool_seconds(ProcessPoolExecutor) for _ in range(3)])
    print(f"  32 waits of 5 ms, 8 workers, pool started and shut down each time (median of 3):")
    print(f"    ThreadPoolExecutor:  {thread_pool:.3f} s")
    print(f"    ProcessPoolExecutor: {process_pool:.3f} s")
    print("  Both overlap the waits; the processes also have to start, and every task and")
    print("  result crosses between processes.")
    print()
    print("== Claims ==")
    claim("starting a process costs more than starting a thread", process_us > 2 * thread_us,
          f"process {process_us:.0f} us vs thread {thread_us:.0f} us = {ratio:.0f}x, expected > 2x")
    if spawn_us is not None:
        claim("spawn_process costs more than a thread too", spawn_us > 2 * thread_us,
              f"{spawn_us:.0f} us vs {thread_us:.0f} us")
    if thread_kb is not None:
        # A thread's cost is at least a page of stack: dividing by less would make a
        # measurement lost in the noise look like an infinite ratio.
        per_thread = max(thread_kb, 4)
        claim("a process uses much more memory than a thread (at least 20x)",
              process_kb >= 20 * per_thread,
              f"process {process_kb:.0f} kB vs thread {thread_kb:.0f} kB = {process_kb / per_thread:.0f}x")
    claim("for I/O-bound tasks, a thread pool is faster than a process pool",
          thread_pool < process_pool,
          f"threads {thread_pool:.3f} s vs processes {process_pool:.3f} s")
    if failed:
        print(f"{len(failed)} claim(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
