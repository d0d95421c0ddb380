# args and kwargs reach the target; results come back through a Queue.
import multiprocessing


def describe(q, a, b, *rest, sep="-", **extra):
    q.put(f"{a}{sep}{b} rest={rest} extra={sorted(extra.items())}")


if __name__ == "__main__":
    q = multiprocessing.Queue()
    jobs = [
        ((q, 1, 2), {}),
        ((q, "x", "y", 3, 4), {"sep": "+"}),
        ((q, [1], {"k": (2, 3)}), {"flag": True, "n": None}),
    ]
    for args, kwargs in jobs:
        p = multiprocessing.Process(target=describe, args=args, kwargs=kwargs)
        p.start()
        print(q.get(timeout=10))
        p.join()
        print("exitcode", p.exitcode)
