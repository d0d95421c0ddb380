# time.perf_counter() and time.monotonic() read the system's monotonic clock, as
# CPython's do on Linux: a child's reading falls between the parent's readings
# before and after it, so times measured in different processes can be compared.
# gilded-max-seconds: 20
import sys
import time


def check(ok, what, measured):
    if not ok:
        print(f"FAILED: {what}: {measured}")
        sys.exit(1)
    print(f"ok: {what}")


def readings():
    return time.perf_counter(), time.monotonic(), time.monotonic_ns()


before = readings()
child = spawn_process(readings).join()
after = readings()
for i, name in enumerate(["perf_counter", "monotonic", "monotonic_ns"]):
    check(before[i] <= child[i] <= after[i], f"the child's {name}() lies between the parent's",
          (before[i], child[i], after[i]))
