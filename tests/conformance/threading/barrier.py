# Barrier: threads wait for each other; indices, action, reuse, properties.
import threading
import time

actions = []
barrier = threading.Barrier(3, action=lambda: actions.append("tripped"))
print(barrier.parties, barrier.n_waiting, barrier.broken)
print(repr(barrier).replace(hex(id(barrier)), "ADDR"))

lock = threading.Lock()
indices = []
phases = []

def worker(name):
    for phase in range(2):
        with lock:
            phases.append((phase, "arrive"))
        i = barrier.wait()
        with lock:
            indices.append(i)
            phases.append((phase, "leave"))

threads = [threading.Thread(target=worker, args=(n,)) for n in "abc"]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(indices))
print(actions)
# Every thread arrives at phase 0 before anyone leaves it, and so on.
print(phases[:3] == [(0, "arrive")] * 3)
print(sorted(phases) == sorted([(p, s) for p in (0, 1) for s in ("arrive", "leave")] * 3))
print(barrier.n_waiting, barrier.broken)

ready = threading.Barrier(2)
waiting = threading.Event()
def one():
    waiting.set()
    print("index", ready.wait())
t = threading.Thread(target=one)
t.start()
waiting.wait()
while ready.n_waiting != 1:
    time.sleep(0.001)
print(repr(ready).replace(hex(id(ready)), "ADDR"))
ready.wait()
t.join()
print(issubclass(threading.BrokenBarrierError, RuntimeError))
