# Array indexing and slicing, with and without a lock; 'c' arrays; errors.
import multiprocessing


def double(arr):
    for i in range(len(arr)):
        arr[i] *= 2


if __name__ == "__main__":
    a = multiprocessing.Array("i", [1, 2, 3, 4, 5])
    print(len(a), a[0], a[-1], a[1:3], a[-2:], a[:])
    a[1:3] = [20, 30]
    print(a[:])
    p = multiprocessing.Process(target=double, args=(a,))
    p.start()
    p.join()
    print("after child:", a[:])
    d = multiprocessing.Array("d", 3, lock=False)
    d[0] = 1.5
    print(d[:], len(d))
    raw = multiprocessing.RawArray("i", [9, 8, 7])
    print(raw[:], raw[1])
    c = multiprocessing.Array("c", b"hello")
    print(c.value, c[0], c[1:3], c.raw)
    c.value = b"hi"
    print(c.value, c.raw)
    try:
        a[5]
    except IndexError as e:
        print("IndexError:", e)
    try:
        a[0] = "x"
    except TypeError as e:
        print("TypeError:", e)
