# A duplex Pipe: both ends send and receive; poll with and without a timeout.
import multiprocessing


def child(conn):
    while True:
        msg = conn.recv()
        if msg is None:
            break
        conn.send(("got", msg))
    conn.send_bytes(b"raw bytes")
    conn.close()


if __name__ == "__main__":
    a, b = multiprocessing.Pipe()
    print("poll empty:", a.poll(), a.poll(0.05))
    p = multiprocessing.Process(target=child, args=(b,))
    p.start()
    for msg in [1, "two", [3, 4], {"five": 5}, (6,), b"\x00\x07"]:
        a.send(msg)
        print(a.recv())
    a.send(None)
    print("poll after child sent:", a.poll(10))
    print(a.recv_bytes())
    p.join()
    print("readable/writable:", a.readable, a.writable, "closed:", a.closed)
    a.close()
    print("closed:", a.closed)
    try:
        a.send(1)
    except OSError as e:
        print("OSError:", e)
