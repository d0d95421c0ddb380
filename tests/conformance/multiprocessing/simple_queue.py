# SimpleQueue: put/get/empty, a round trip through a child.
import multiprocessing


def echo(inq, outq):
    while True:
        msg = inq.get()
        if msg == "stop":
            break
        outq.put(("echo", msg))


if __name__ == "__main__":
    inq, outq = multiprocessing.SimpleQueue(), multiprocessing.SimpleQueue()
    print("empty:", inq.empty(), outq.empty())
    p = multiprocessing.Process(target=echo, args=(inq, outq))
    p.start()
    for msg in ["a", 1, (2, 3), [4, {"five": 5}], b"six", 7.5, None]:
        inq.put(msg)
        print(outq.get())
    inq.put("stop")
    p.join()
    print("exitcode", p.exitcode, "empty:", outq.empty())
    outq.put("x")
    print("empty after put:", outq.empty(), outq.get())
    outq.close()
    print("closed")
