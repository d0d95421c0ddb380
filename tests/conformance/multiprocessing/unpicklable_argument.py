# An argument that cannot be pickled (a threading.Lock) is refused, in a Pool and in
# a ProcessPoolExecutor, with CPython's TypeError message; the pool keeps working.
import multiprocessing
import threading
from concurrent.futures import ProcessPoolExecutor


def use(x):
    return repr(x)


if __name__ == "__main__":
    lock = threading.Lock()
    with multiprocessing.Pool(1) as pool:
        try:
            pool.apply(use, (lock,))
        except TypeError as e:
            print("Pool.apply:", type(e).__name__, e)
        try:
            pool.map(use, [1, lock])
        except TypeError as e:
            print("Pool.map:", type(e).__name__, e)
        print("pool still works:", pool.apply(use, (42,)))
    with ProcessPoolExecutor(max_workers=1) as ex:
        fut = ex.submit(use, lock)
        try:
            fut.result(timeout=10)
        except TypeError as e:
            print("submit:", type(e).__name__, e)
        print("executor still works:", ex.submit(use, "ok").result(timeout=10))
