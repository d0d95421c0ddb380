# ProcessPoolExecutor: submit, map, with, exceptions in futures, shutdown.
from concurrent.futures import ProcessPoolExecutor, as_completed
import concurrent.futures


def cube(x):
    return x ** 3


def divide(a, b):
    return a / b


if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as ex:
        f = ex.submit(cube, 3)
        print(f.result(timeout=10), f.done(), f.exception())
        print(list(ex.map(cube, range(6))))
        print(list(ex.map(divide, [10, 9], [2, 3])))
        print(list(ex.map(cube, range(7), chunksize=3)))
        futs = [ex.submit(cube, n) for n in (4, 5, 6)]
        print(sorted(f.result() for f in as_completed(futs, timeout=10)))
        bad = ex.submit(divide, 1, 0)
        exc = bad.exception(timeout=10)
        print(type(exc).__name__, exc)
        try:
            bad.result()
        except ZeroDivisionError as e:
            print("result() raised", type(e).__name__, e)
        try:
            list(ex.map(divide, [1, 2], [1, 0]))
        except ZeroDivisionError as e:
            print("map raised", type(e).__name__, e)
    ex2 = ProcessPoolExecutor(max_workers=1)
    print(ex2.submit(cube, 2).result(timeout=10))
    ex2.shutdown(wait=True)
    try:
        ex2.submit(cube, 1)
    except RuntimeError as e:
        print("RuntimeError:", e)
    print(issubclass(concurrent.futures.process.BrokenProcessPool,
                     concurrent.futures.BrokenExecutor))
