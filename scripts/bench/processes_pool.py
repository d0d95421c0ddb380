"""The overhead of a process pool: Pool(W) creation, then map() of a trivial function.

    processes_pool.py items=N workers=W method=default|fork|spawn

prints `create_s=...` (Pool(W) plus a first map of W items: the workers are up),
`map_s=...` (map over N items, default chunksize) and `us_per_item=...`.
Run bare it maps 100 items and prints only the checksum.
"""
import sys
import time


def options(defaults):
    opts = dict(defaults)
    for arg in sys.argv[1:]:
        key, _, value = arg.partition("=")
        if key not in opts:
            sys.exit(f"unknown option {arg!r}; expected {', '.join(f'{k}=' for k in defaults)}")
        opts[key] = value
    return opts


def inc(x):
    return x + 1


if __name__ == "__main__":
    o = options({"items": "100", "workers": "2", "method": "default"})
    import multiprocessing
    ctx = multiprocessing.get_context(None if o["method"] == "default" else o["method"])
    items, workers = int(o["items"]), int(o["workers"])
    t0 = time.perf_counter()
    pool = ctx.Pool(workers)
    pool.map(inc, range(workers))
    create = time.perf_counter() - t0
    t0 = time.perf_counter()
    out = pool.map(inc, range(items))
    took = time.perf_counter() - t0
    pool.close()
    pool.join()
    if len(sys.argv) > 1:
        print(f"create_s={create:.6f} map_s={took:.6f} us_per_item={took / items * 1e6:.3f} "
              f"checksum={sum(out)}")
    else:
        print(f"checksum={sum(out)}")
