# Seed example (Lock), verbatim from the seed; the lines marked "added" make
# it a runnable program.
import threading

lock = threading.Lock()

def safe_increment(counter):
    with lock:
        counter.value += 1

# added: a counter object with a .value, four threads that each increment it
# 1000 times, and a print of the total.
class Counter:
    def __init__(self):
        self.value = 0

def work(counter):
    for _ in range(1000):
        safe_increment(counter)

counter = Counter()
threads = [threading.Thread(target=work, args=(counter,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(counter.value)
