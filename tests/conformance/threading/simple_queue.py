# queue.SimpleQueue: an unbounded FIFO without task tracking.
import queue
import threading

q = queue.SimpleQueue()
print(q.empty(), q.qsize())
for i in range(3):
    q.put(i)
q.put_nowait("x")
q.put("y", block=False, timeout=-1)   # put never blocks: arguments ignored
print(q.qsize(), q.empty())
print([q.get() for _ in range(4)], q.get_nowait())
for label, call in [("get_nowait", q.get_nowait),
                    ("get False", lambda: q.get(False)),
                    ("get timeout", lambda: q.get(timeout=0.01)),
                    ("get -1", lambda: q.get(timeout=-1)),
                    ("get False -1", lambda: q.get(False, -1))]:
    try:
        call()
    except (queue.Empty, ValueError) as e:
        print(label, "->", type(e).__name__, repr(str(e)))

out = []
def consumer():
    while (item := q.get()) is not None:
        out.append(item)
t = threading.Thread(target=consumer)
t.start()
for i in range(100):
    q.put(i)
q.put(None)
t.join()
print(out == list(range(100)))
print(type(q).__name__, hasattr(q, "task_done"))
