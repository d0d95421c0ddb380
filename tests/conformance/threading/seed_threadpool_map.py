# Seed example, verbatim: a thread pool mapping a function over a list.
from concurrent.futures import ThreadPoolExecutor

def square(n):
    return n * n

with ThreadPoolExecutor(max_workers=4) as executor:
    results = executor.map(square, [1, 2, 3, 4])
    print(list(results))
