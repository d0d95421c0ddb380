# Pool: map, starmap, apply, apply_async (callback), map_async, imap, imap_unordered, with.
import multiprocessing


def square(x):
    return x * x


def power(base, exp):
    return base ** exp


def greet(name, punct="!"):
    return f"hello {name}{punct}"


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        print(pool.map(square, range(10)))
        print(pool.map(square, []))
        print(pool.starmap(power, [(2, 3), (3, 2), (10, 0)]))
        print(pool.apply(greet, ("pool",)))
        print(pool.apply(greet, ("kw",), {"punct": "?"}))
        seen = []
        r = pool.apply_async(square, (12,), callback=seen.append)
        print(r.get(timeout=10), r.ready(), r.successful())
        r.wait()
        print("callback got:", seen)
        m = pool.map_async(square, [4, 5, 6])
        print(m.get(timeout=10))
        print(list(pool.imap(square, range(5))))
        print(sorted(pool.imap_unordered(square, range(5))))
        print(list(pool.imap(square, range(6), chunksize=4)))
        print(pool.starmap_async(power, [(2, 8)]).get(timeout=10))
    p = multiprocessing.Pool(processes=2)
    print(p.map(len, ["a", "bb", "ccc"]))
    p.close()
    p.join()
    print("closed and joined")
