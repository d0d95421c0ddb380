# Executor.map(): results in argument order; exceptions surface in order.
from concurrent.futures import ThreadPoolExecutor
import time

def slow_square(x):
    time.sleep(0.001 * (5 - x))       # later arguments finish first
    return x * x

with ThreadPoolExecutor(max_workers=5) as ex:
    print(list(ex.map(slow_square, range(5))))
    print(list(ex.map(pow, [2, 3, 4], [5, 2])))      # shortest iterable wins
    print(list(ex.map(str.upper, [])))
    it = ex.map(lambda x: 10 // x, [5, 2, 0, 1])
    got = []
    try:
        for value in it:
            got.append(value)
    except ZeroDivisionError as e:
        print("raised after", got, "->", e)
    print(list(ex.map(abs, [-1, -2], timeout=10)))
    results = ex.map(len, ["a", "bb"])
    print(type(results).__name__, next(results), next(results))
