# Queue between processes: put/get, qsize, empty, get(timeout) -> queue.Empty, nowait.
import multiprocessing
import queue


def producer(q, n):
    for i in range(n):
        q.put({"i": i, "sq": i * i})
    q.put(None)


if __name__ == "__main__":
    q = multiprocessing.Queue()
    print("empty at start:", q.empty())
    p = multiprocessing.Process(target=producer, args=(q, 5))
    p.start()
    p.join()  # the child flushed its queue before exiting
    print("qsize after child:", q.qsize(), "empty:", q.empty())
    items = []
    while True:
        item = q.get(timeout=10)
        if item is None:
            break
        items.append(item)
    print(items)
    print("empty at end:", q.empty(), "qsize:", q.qsize())
    try:
        q.get(timeout=0.05)
    except queue.Empty:
        print("get(timeout=0.05): queue.Empty")
    try:
        q.get_nowait()
    except queue.Empty:
        print("get_nowait: queue.Empty")
    b = multiprocessing.Queue(maxsize=1)
    b.put("only")
    print("full:", b.full())
    try:
        b.put("more", timeout=0.05)
    except queue.Full:
        print("put(timeout=0.05): queue.Full")
    print(b.get(timeout=10))
