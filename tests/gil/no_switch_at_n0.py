# gilded-args: --switch-interval 0 --gil-policy fair
"""N=0: the GIL never changes hands at an instruction boundary, only at blocking
calls. Two CPU-bound threads (about a million instructions each) therefore run one
after the other, never interleaved: each logs its start and end, and the log is
start A, end A, start B, end B (in either order of the two threads), with at most
6 switches in all (thread starts, ends and the main thread's joins).
"""
import gil
import sys
import threading

log = []


def spin(name):
    log.append(("start", name))
    i = 0
    while i < 100_000:
        i += 1
    log.append(("end", name))


assert sys.getswitchinterval() == 0, f"getswitchinterval() is {sys.getswitchinterval()!r} under --switch-interval 0"
gil.reset_stats()
threads = [threading.Thread(target=spin, args=(name,)) for name in "AB"]
for t in threads:
    t.start()
for t in threads:
    t.join()
st = gil.stats()
first, second = log[0][1], log[2][1]
assert log == [("start", first), ("end", first), ("start", second), ("end", second)], (
    f"threads interleaved at N=0: {log}")
assert st["global"]["switches"] <= 6, f"{st['global']['switches']} switches at N=0 for two CPU-bound threads"
print(f"no_switch_at_n0: {first} ran to its end before {second} started; {st['global']['switches']} switches")
