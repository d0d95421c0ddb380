"""Fault isolation: a crashing thread vs a crashing process vs a killed process.

Threads share one process: an exception in a thread ends only that thread, but what
it left half-done in shared memory is everybody's problem, and a thread that takes
its process down (here: by sending it SIGKILL) takes every other thread with it.
A process that crashes or is killed ends alone: its parent sees an exit code and
goes on, and the parent's data was never in the child's reach.

Run it:  gilded scripts/processes/06_fault_isolation.py   (or: python3 ...)
"""
import multiprocessing
import os
import sys
import threading
import time

failed = []


def claim(text, ok, measured):
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


accounts = {"alice": 100, "bob": 100}


def transfer_and_crash(accts, amount):
    """Take the money from alice, then crash before giving it to bob."""
    accts["alice"] -= amount
    raise RuntimeError("crashed half-way through a transfer")


def quiet_excepthook(args):
    print(f"  (thread {args.thread.name} died: {args.exc_type.__name__}: {args.exc_value})")


def heartbeat_and_suicide(q):
    """In a child: one thread beats, another kills the whole process."""
    beats = [0]

    def beat():
        while True:
            beats[0] += 1
            q.put(beats[0])
            time.sleep(0.01)

    threading.Thread(target=beat, daemon=True).start()
    time.sleep(0.2)
    killer = threading.Thread(target=os.kill, args=(os.getpid(), 9))
    killer.start()
    killer.join()
    time.sleep(5)  # never reached: the whole process is gone
    q.put("survived")


def sleeper():
    time.sleep(30)


def short():
    time.sleep(0.01)


def main():
    print("== 1. An exception in a thread ==")
    threading.excepthook = quiet_excepthook
    t = threading.Thread(target=transfer_and_crash, args=(accounts, 30), name="transfer")
    t.start()
    t.join()
    total = accounts["alice"] + accounts["bob"]
    print(f"  the main thread goes on; accounts now {accounts}: total {total}, was 200")
    print("  the thread's half-done update stays in the memory every thread shares.")

    print("\n== 2. The same crash in a child process ==")
    accounts2 = {"alice": 100, "bob": 100}
    p = multiprocessing.Process(target=transfer_and_crash, args=(accounts2, 30))
    p.start()
    p.join()
    total2 = accounts2["alice"] + accounts2["bob"]
    crash_code = p.exitcode
    print(f"  (the child printed its traceback on stderr, under 'Process {p.name}:')")
    print(f"  child exitcode {p.exitcode}; the parent's accounts {accounts2}: total {total2}")
    print("  the child changed its own copy, then died with it.")

    print("\n== 3. A killed child process ==")
    p = multiprocessing.Process(target=sleeper)
    p.start()
    time.sleep(0.1)
    p.kill()
    p.join()
    killed_code = p.exitcode
    print(f"  kill() -> exitcode {killed_code} (minus the signal number: SIGKILL is 9)")

    print("\n== 4. A thread that kills its own process takes every thread with it ==")
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=heartbeat_and_suicide, args=(q,))
    p.start()
    p.join()
    messages = []
    while True:
        try:
            messages.append(q.get(timeout=0.2))
        except Exception:
            break
    beats = [m for m in messages if isinstance(m, int)]
    suicide_code = p.exitcode
    print(f"  the child's heartbeat thread beat {len(beats)} times, then the child was gone:"
          f" exitcode {p.exitcode}")

    print("\n== The parent goes on ==")
    p = multiprocessing.Process(target=short)
    p.start()
    p.join()
    print(f"  a new child after all that: exitcode {p.exitcode}")

    print()
    print("== Claims ==")
    claim("an exception in a thread ends only that thread", not t.is_alive(), "main thread still running")
    claim("but it leaves shared state half-updated for every thread", total == 170,
          f"total {total}, was 200")
    claim("a crashing child exits with code 1", crash_code == 1, f"exitcode {crash_code}")
    claim("and the parent's data is untouched", total2 == 200, f"total {total2}")
    claim("a killed child has exitcode -9 and the parent goes on", killed_code == -9,
          f"exitcode {killed_code}")
    claim("a thread killing its process stops the other threads too",
          suicide_code == -9 and "survived" not in messages and len(beats) >= 1,
          f"exitcode {suicide_code}, {len(beats)} beats, survived: {'survived' in messages}")
    claim("the parent can still start processes afterwards", p.exitcode == 0, f"exitcode {p.exitcode}")
    if failed:
        print(f"{len(failed)} claim(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
