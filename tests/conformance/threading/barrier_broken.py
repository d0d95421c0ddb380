# Broken barriers: abort(), timeouts, a failing action, reset().
import threading
import time

b = threading.Barrier(2)
errors = []
def waiter():
    try:
        b.wait()
    except threading.BrokenBarrierError as e:
        errors.append(type(e).__name__)
t = threading.Thread(target=waiter)
t.start()
while b.n_waiting != 1:
    time.sleep(0.001)
b.abort()
t.join()
print(errors, b.broken, repr(b).replace(hex(id(b)), "ADDR"))
try:
    b.wait()
except threading.BrokenBarrierError as e:
    print("wait on broken:", repr(e))
b.reset()
print("after reset:", b.broken, b.n_waiting)

# A timeout breaks the barrier for everyone.
t2 = threading.Barrier(3, timeout=0.02)
try:
    t2.wait()
except threading.BrokenBarrierError:
    print("timed out, broken:", t2.broken)
t3 = threading.Barrier(2)
try:
    t3.wait(timeout=0.01)
except threading.BrokenBarrierError:
    print("explicit timeout, broken:", t3.broken)

# An action that raises breaks the barrier; the exception reaches the caller
# that ran the action, the others get BrokenBarrierError.
def bad_action():
    raise ValueError("action failed")
b4 = threading.Barrier(2, action=bad_action)
results = []
def w4():
    try:
        b4.wait()
        results.append("passed")
    except Exception as e:
        results.append(type(e).__name__)
threads = [threading.Thread(target=w4) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print(sorted(results), b4.broken)
