# task_done() and join(): wait until every queued item has been processed.
import queue
import threading

q = queue.Queue()
results = []
lock = threading.Lock()

def worker():
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            return
        with lock:
            results.append(item * item)
        q.task_done()

workers = [threading.Thread(target=worker) for _ in range(3)]
for w in workers:
    w.start()
for i in range(20):
    q.put(i)
q.join()                     # returns once all 20 items are task_done()
print("unfinished:", q.unfinished_tasks, "results:", len(results))
print(sorted(results))
for w in workers:
    q.put(None)
q.join()
for w in workers:
    w.join()
print("workers alive:", [w.is_alive() for w in workers])

try:
    q.task_done()
except ValueError as e:
    print("ValueError:", e)
empty = queue.Queue()
empty.join()                 # nothing was put: returns at once
print("join on empty queue ok")
