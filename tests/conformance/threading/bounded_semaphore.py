# BoundedSemaphore refuses to go above its initial value.
import threading

b = threading.BoundedSemaphore(2)
print(repr(b).replace(hex(id(b)), "ADDR"))
b.acquire()
print(repr(b).replace(hex(id(b)), "ADDR"))
b.release()
try:
    b.release()
except ValueError as e:
    print("ValueError:", e)
b.acquire()
b.acquire()
try:
    b.release(3)
except ValueError as e:
    print("ValueError:", e)
b.release(2)
print(repr(b).replace(hex(id(b)), "ADDR"))
print(isinstance(b, threading.Semaphore))

pool = threading.BoundedSemaphore(3)
used = []
def use(i):
    with pool:
        used.append(i)
threads = [threading.Thread(target=use, args=(i,)) for i in range(8)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(used), pool._value)
try:
    threading.BoundedSemaphore(-1)
except ValueError as e:
    print("ValueError:", e)
