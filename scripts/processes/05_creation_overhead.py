"""Starting a process costs much more than starting a thread.

A thread is a new stack in the same process: start() + join() of an empty function
takes tens of microseconds. A process is a new interpreter: gilded starts its own
binary again and sends it the function; CPython forks (or, with "spawn", starts a new
python3 too). That is why pools keep their worker processes: pay the start once.

Run it:  gilded scripts/processes/05_creation_overhead.py   (or: python3 ...)
"""
import multiprocessing
import sys
import threading
import time

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
    print("== Claims ==")
    claim("starting a process costs more than starting a thread", process_us > 2 * thread_us,
          f"process {process_us:.0f} us vs thread {thread_us:.0f} us = {ratio:.0f}x, expected > 2x")
    if spawn_us is not None:
        claim("spawn_process costs more than a thread too", spawn_us > 2 * thread_us,
              f"{spawn_us:.0f} us vs {thread_us:.0f} us")
    if failed:
        print(f"{len(failed)} claim(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
