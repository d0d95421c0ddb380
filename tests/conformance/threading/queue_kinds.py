# Queue (FIFO), LifoQueue, PriorityQueue: order, sizes, non-blocking errors.
import queue

for cls in (queue.Queue, queue.LifoQueue, queue.PriorityQueue):
    q = cls()
    for item in (3, 1, 4, 1, 5):
        q.put(item)
    print(cls.__name__, q.qsize(), q.empty(), q.full(),
          [q.get() for _ in range(5)], q.empty())

pq = queue.PriorityQueue()
for job in [(2, "write"), (1, "read"), (3, "sleep"), (1, "eat")]:
    pq.put(job)
print([pq.get_nowait() for _ in range(4)])

bounded = queue.Queue(maxsize=2)
bounded.put("a")
bounded.put_nowait("b")
print(bounded.full(), bounded.qsize(), bounded.maxsize)
for label, call in [("put_nowait", lambda: bounded.put_nowait("c")),
                    ("put block=False", lambda: bounded.put("c", False)),
                    ("put timeout", lambda: bounded.put("c", timeout=0.01)),
                    ("put -1", lambda: bounded.put("c", timeout=-1))]:
    try:
        call()
    except (queue.Full, ValueError) as e:
        print(label, "->", type(e).__name__, repr(str(e)))
print(bounded.get(), bounded.get())
for label, call in [("get_nowait", bounded.get_nowait),
                    ("get block=False", lambda: bounded.get(False)),
                    ("get timeout", lambda: bounded.get(timeout=0.01)),
                    ("get -1", lambda: bounded.get(timeout=-1)),
                    ("get False -1", lambda: bounded.get(False, -1))]:
    try:
        call()
    except (queue.Empty, ValueError) as e:
        print(label, "->", type(e).__name__, repr(str(e)))
print(queue.Empty, queue.Full, issubclass(queue.Empty, Exception))
print(queue.Queue(0).full(), queue.Queue(-1).full())
