"""Lock-heavy single-thread work: a million uncontended `with lock:` blocks.

Every acquisition is counted in the lock's contention profile, so this is where the
always-on counters cost the most. Prints a checksum.
"""
import threading

lock = threading.Lock()
total = 0
for i in range(1_000_000):
    with lock:
        total += i & 7
print(total)
