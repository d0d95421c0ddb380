# Executor lifecycle: worker names, max_workers, shutdown() and its options.
from concurrent.futures import ThreadPoolExecutor, CancelledError
import os
import threading

ex = ThreadPoolExecutor()
print(ex._max_workers == min(32, (os.cpu_count() or 1) + 4))
print(ex.submit(lambda: threading.current_thread().name).result())
ex.shutdown()
try:
    ex.submit(print)
except RuntimeError as e:
    print("RuntimeError:", e)
ex.shutdown()                       # a second shutdown is harmless

with ThreadPoolExecutor(2, thread_name_prefix="pool") as p:
    print(p.submit(lambda: threading.current_thread().name).result())

for bad in (0, -1):
    try:
        ThreadPoolExecutor(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    ThreadPoolExecutor(1, initializer=5)
except TypeError as e:
    print("TypeError:", e)

# cancel_futures=True cancels what has not started yet.
gate = threading.Event()
single = ThreadPoolExecutor(1)
running = single.submit(gate.wait)
queued = [single.submit(str, i) for i in range(3)]
while not running.running():
    gate.wait(0.001)
single.shutdown(wait=False, cancel_futures=True)
print([f.cancelled() for f in queued], running.cancelled())
gate.set()
print(running.result())
single.shutdown()
try:
    queued[0].result()
except CancelledError:
    print("CancelledError")

inits = []
with ThreadPoolExecutor(2, initializer=inits.append, initargs=("init",)) as e:
    e.submit(int).result()
print(inits[:1])
