# The seed describes RLock without code: "A reentrant lock (RLock) allows a
# thread to acquire the same lock multiple times without blocking itself."
# This program shows exactly that, in the style of the seed's Lock example.
import threading

rlock = threading.RLock()

def safe_increment(counter):
    with rlock:
        counter.value += 1

def safe_increment_twice(counter):
    with rlock:                 # acquired here ...
        safe_increment(counter) # ... and again inside: no deadlock
        safe_increment(counter)

class Counter:
    def __init__(self):
        self.value = 0

def work(counter):
    for _ in range(500):
        safe_increment_twice(counter)

counter = Counter()
threads = [threading.Thread(target=work, args=(counter,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter.value)
