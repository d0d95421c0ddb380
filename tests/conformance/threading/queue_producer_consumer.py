# Several producers and consumers on one bounded queue.
import queue
import threading

q = queue.Queue(maxsize=3)
consumed = []
lock = threading.Lock()
N_PRODUCERS, N_CONSUMERS, PER_PRODUCER = 3, 2, 10

def producer(pid):
    for i in range(PER_PRODUCER):
        q.put((pid, i))          # blocks while the queue is full

def consumer():
    while True:
        item = q.get()
        if item is None:
            break
        with lock:
            consumed.append(item)

producers = [threading.Thread(target=producer, args=(p,)) for p in range(N_PRODUCERS)]
consumers = [threading.Thread(target=consumer) for _ in range(N_CONSUMERS)]
for t in consumers + producers:
    t.start()
for t in producers:
    t.join()
for _ in consumers:
    q.put(None)
for t in consumers:
    t.join()
print(len(consumed), q.qsize(), q.empty())
print(sorted(consumed) == [(p, i) for p in range(N_PRODUCERS) for i in range(PER_PRODUCER)])
print(max(i for (_, i) in consumed) + 1 == PER_PRODUCER)
