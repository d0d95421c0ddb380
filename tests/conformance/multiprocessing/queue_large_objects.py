# Large and varied objects through a Queue and a Pipe, both directions.
import multiprocessing


def roundtrip(inq, outq, conn):
    obj = inq.get()
    outq.put(obj)
    conn.send(conn.recv())


if __name__ == "__main__":
    big = {
        "ints": list(range(50000)),
        "text": "gilded " * 20000,
        "nested": [[i, (i, str(i), {i: [i] * 3})] for i in range(500)],
        "bytes": bytes(range(256)) * 200,
        "floats": [i / 7 for i in range(1000)],
        "big": 3 ** 500,
        "misc": (None, True, False, 1 + 2j, frozenset({1, 2}), {3, 4}),
    }
    inq, outq = multiprocessing.Queue(), multiprocessing.Queue()
    a, b = multiprocessing.Pipe()
    p = multiprocessing.Process(target=roundtrip, args=(inq, outq, b))
    p.start()
    inq.put(big)
    a.send(big["nested"])
    back = outq.get(timeout=10)
    piped = a.recv()
    p.join()
    print("queue round trip equal:", back == big)
    print("pipe round trip equal:", piped == big["nested"])
    print(len(back["ints"]), len(back["text"]), len(back["bytes"]), back["big"] % 1000)
    print(sorted(back), back["misc"][3], back["misc"][5] == {3, 4})
    print("exitcode", p.exitcode)
