# What cannot cross to a child is refused at the call, before any process starts,
# with CPython's message: TypeError: cannot pickle '_thread.lock' object.
# gilded-max-seconds: 20
import os
import sys
import threading


def check(ok, what, measured):
    if not ok:
        print(f"FAILED: {what}: {measured}")
        sys.exit(1)
    print(f"ok: {what}")


def children():
    """Pids of the live processes whose parent is this one (from /proc)."""
    me = os.getpid()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2:].split()
        if int(fields[1]) == me and fields[0] != "Z":
            found.append(int(entry))
    return found


def use(x):
    return repr(x)


MESSAGE = "cannot pickle '_thread.lock' object"
before = children()
lock = threading.Lock()

try:
    spawn_process(use, lock)
    err = None
except TypeError as e:
    err = str(e)
check(err == MESSAGE, "spawn_process(f, lock) raises TypeError with CPython's message", err)
try:
    spawn_process(use, x=[1, {"deep": lock}])
    err = None
except TypeError as e:
    err = str(e)
check(err == MESSAGE, "a lock nested in a keyword argument too", err)
check(children() == before, "no process was started", (before, children()))

import multiprocessing  # noqa: E402

p = multiprocessing.Process(target=use, args=(lock,))
try:
    p.start()
    err = None
except TypeError as e:
    err = str(e)
check(err == MESSAGE, "Process(args=(lock,)).start() raises the same TypeError", err)
check(children() == before, "still no process started", (before, children()))
check(multiprocessing.active_children() == [], "active_children() is empty",
      multiprocessing.active_children())

# Other things that cannot cross.
def gen():
    yield 1

for label, obj, word in (("a thread", threading.Thread(target=use), "pickle"),
                         ("a generator", gen(), "generator"),
                         ("an iterator over a list", iter([1, 2]), None),
                         ("an RLock", threading.RLock(), "RLock")):
    try:
        spawn_process(use, obj).join()
        err = None
    except TypeError as e:
        err = str(e)
    except Exception as e:
        err = f"{type(e).__name__}: {e}"
    print(f"{label}: {err}")
    check(err is not None and err.startswith("cannot pickle"),
          f"{label} is refused with 'cannot pickle ...'", err)
check(children() == before, "no process was started by any of them", (before, children()))

# The same unpicklable target: a lock's bound method.
try:
    spawn_process(lock.acquire)
    err = None
except TypeError as e:
    err = str(e)
check(err == MESSAGE, "a bound method of a lock as the target", err)
print("all checks passed")
