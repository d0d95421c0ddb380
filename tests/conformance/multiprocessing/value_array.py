# Value and Array: 4 processes increment under get_lock(), the total is exact;
# raw values (lock=False) and reprs.
import multiprocessing

N = 2000


def bump(counter, arr, k):
    for _ in range(N):
        with counter.get_lock():
            counter.value += 1
    with arr.get_lock():
        arr[k] = k * 11
        arr[4] += 1


if __name__ == "__main__":
    counter = multiprocessing.Value("i", 0)
    arr = multiprocessing.Array("i", 5)
    procs = [multiprocessing.Process(target=bump, args=(counter, arr, k)) for k in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join()
    print("total:", counter.value, "expected:", 4 * N)
    print("array:", arr[:])
    print(repr(multiprocessing.Value("i", 5)))
    print(repr(multiprocessing.Value("d", 1.5)))
    raw = multiprocessing.Value("i", 7, lock=False)
    print(repr(raw), raw.value, hasattr(raw, "get_lock"))
    print(repr(multiprocessing.RawValue("h", -3)))
    v = multiprocessing.Value("d", 0.25)
    v.value *= 4
    print(v.value, type(v.get_lock()).__name__)
