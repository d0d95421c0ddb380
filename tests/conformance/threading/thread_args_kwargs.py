# Thread with target, args and kwargs; results collected in a shared list.
import threading

results = []

def worker(a, b, *, scale=1, label="w"):
    results.append((label, (a + b) * scale))

threads = [
    threading.Thread(target=worker, args=(1, 2)),
    threading.Thread(target=worker, args=[3, 4], kwargs={"scale": 10}),
    threading.Thread(target=worker, args=(5,), kwargs={"b": 6, "label": "kw"}),
]
for t in threads:
    print("before start:", t.is_alive(), t.ident)
    t.start()
    t.join()
    print("after join:", t.is_alive(), t.ident is not None)
print(results)

# No target: run() does nothing.
t = threading.Thread()
t.start()
t.join()
print("empty thread ok", t.is_alive())

# The target's return value is ignored; use shared state to get results back.
t = threading.Thread(target=lambda: 42)
t.start()
t.join()
print("done")
