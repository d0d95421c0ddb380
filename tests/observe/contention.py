"""A program whose contention is known in advance, for the observability tests.

Two threads take turns holding one lock for 10 ms each, five times each; a consumer
waits on a queue until the main thread, after sleeping 0.1 s, puts an item; the main
thread joins them all. crates/cli/tests/observe.rs checks what the report says.
"""
import queue
import threading
import time

lock = threading.Lock()
items = queue.Queue()


def hold():
    for _ in range(5):
        with lock:
            time.sleep(0.01)


def consume():
    items.get()


holders = [threading.Thread(target=hold, name=f"holder-{k}") for k in range(2)]
consumer = threading.Thread(target=consume, name="consumer")
for t in holders + [consumer]:
    t.start()
time.sleep(0.1)
items.put("done")
for t in holders + [consumer]:
    t.join()
print("contention: done")
