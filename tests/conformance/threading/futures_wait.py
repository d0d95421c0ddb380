# concurrent.futures.wait(): ALL_COMPLETED, FIRST_COMPLETED, FIRST_EXCEPTION, timeout.
from concurrent.futures import (ThreadPoolExecutor, wait, ALL_COMPLETED,
                                FIRST_COMPLETED, FIRST_EXCEPTION)
import threading

def names(fs):
    return sorted(f.label for f in fs)

gates = {name: threading.Event() for name in "abc"}
def job(name, fail=False):
    gates[name].wait()
    if fail:
        raise ValueError(name)
    return name

with ThreadPoolExecutor(max_workers=3) as ex:
    futures = []
    for name in "abc":
        f = ex.submit(job, name, fail=(name == "b"))
        f.label = name
        futures.append(f)

    done, not_done = wait(futures, timeout=0.02)
    print("timeout:", names(done), names(not_done))
    gates["a"].set()
    result = wait(futures, return_when=FIRST_COMPLETED)
    print("first completed:", names(result.done), names(result.not_done))
    print(type(result).__name__, result._fields)
    gates["b"].set()
    done, not_done = wait(futures, return_when=FIRST_EXCEPTION)
    print("first exception:", names(done), names(not_done))
    gates["c"].set()
    done, not_done = wait(futures, return_when=ALL_COMPLETED)
    print("all:", names(done), names(not_done))
    done, not_done = wait(futures + futures)          # duplicates count once
    print("dups:", len(done), len(not_done))
    print(wait([], timeout=0))
    # return_when is only checked when wait() has to wait at all.
    blocker = threading.Event()
    pending = ex.submit(blocker.wait)
    try:
        wait([pending], return_when="SOMETIMES")
    except ValueError as e:
        print("ValueError:", e)
    blocker.set()
    pending.result()
    print(wait([pending], return_when="SOMETIMES").done == {pending})
