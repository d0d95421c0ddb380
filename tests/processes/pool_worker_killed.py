# A pool worker killed by SIGKILL in the middle of a task: multiprocessing.Pool
# fails the pending result with an error, ProcessPoolExecutor's futures raise
# BrokenProcessPool; neither hangs, and the parent goes on.
# gilded-max-seconds: 40
import os
import sys
import time


def check(ok, what, measured):
    if not ok:
        print(f"FAILED: {what}: {measured}")
        sys.exit(1)
    print(f"ok: {what}")


check(hasattr(os, "kill"), "os.kill exists (a task kills its own worker with it)", "no os.kill")


def die(x):
    os.kill(os.getpid(), 9)
    return x


def square(x):
    return x * x


import multiprocessing  # noqa: E402
from concurrent.futures import ProcessPoolExecutor  # noqa: E402
import concurrent.futures  # noqa: E402

pool = multiprocessing.Pool(2)
check(pool.map(square, range(4)) == [0, 1, 4, 9], "the pool works before the crash", "")
t0 = time.perf_counter()
r = pool.apply_async(die, (1,))
try:
    r.get(timeout=15)
    err = None
except multiprocessing.TimeoutError as e:
    err = e
except Exception as e:
    err = e
took = time.perf_counter() - t0
print(f"Pool: a killed worker -> {type(err).__name__}: {err} after {took:.2f} s")
check(err is not None and not isinstance(err, multiprocessing.TimeoutError),
      "the pending result fails with an error (not a timeout)", repr(err))
check(took < 10, "promptly", f"{took:.2f} s")
pool.terminate()
pool.join()

t0 = time.perf_counter()
with ProcessPoolExecutor(max_workers=2) as ex:
    check(ex.submit(square, 5).result(timeout=10) == 25, "the executor works before the crash", "")
    bad = ex.submit(die, 1)
    try:
        bad.result(timeout=15)
        err = None
    except Exception as e:
        err = e
    print(f"ProcessPoolExecutor: a killed worker -> {type(err).__name__}: {err}")
    broken = concurrent.futures.process.BrokenProcessPool
    check(isinstance(err, broken), "the future raises BrokenProcessPool", repr(err))
    check(isinstance(err, concurrent.futures.BrokenExecutor), "a BrokenExecutor", repr(err))
    try:
        ex.submit(square, 2)
        err = None
    except Exception as e:
        err = e
    check(isinstance(err, broken), "a broken executor refuses new work with BrokenProcessPool",
          repr(err))
took = time.perf_counter() - t0
check(took < 20, "the executor's with-block ends promptly", f"{took:.2f} s")

# The parent goes on.
with ProcessPoolExecutor(max_workers=1) as ex:
    check(ex.submit(square, 9).result(timeout=10) == 81, "a new executor works afterwards", "")
print("all checks passed")
