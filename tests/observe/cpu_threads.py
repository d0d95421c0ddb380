"""Three CPU-bound threads taking turns at the GIL, for the timeline tests."""
import threading


def crunch():
    total = 0
    for i in range(400_000):
        total += i % 7


threads = [threading.Thread(target=crunch, name=f"cruncher-{k}") for k in range(3)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("cpu_threads: done")
