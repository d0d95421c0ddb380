# threading.local: each thread sees its own attributes.
import threading

data = threading.local()
data.name = "main"
data.items = [1]
print(type(data).__name__)

seen = {}
def worker(i):
    seen[i] = hasattr(data, "name")
    data.name = f"worker {i}"
    data.items = [i] * i
    seen[i] = (seen[i], data.name, data.items)

threads = [threading.Thread(target=worker, args=(i,)) for i in range(1, 4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
for i in sorted(seen):
    print(i, seen[i])
print(data.name, data.items)

def missing():
    try:
        data.name
    except AttributeError as e:
        print("AttributeError:", e)
t = threading.Thread(target=missing)
t.start()
t.join()

other = threading.local()
other.x = 1
del other.x
print(hasattr(other, "x"), hasattr(data, "name"))
