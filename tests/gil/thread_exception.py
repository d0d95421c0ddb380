# gilded-expect-stderr: Exception in thread failing
# gilded-expect-stderr: ValueError: boom in a thread
"""An uncaught exception in one thread ends only that thread: it is reported on
stderr ("Exception in thread failing:" and the traceback, checked by the harness),
the other threads go on and finish their work, the main thread finishes, and the
exit status is 0.
"""
import threading
import time

progress = []


def fail():
    time.sleep(0.02)
    raise ValueError("boom in a thread")


def steady(k):
    for i in range(20):
        progress.append((k, i))
        time.sleep(0.002)


failing = threading.Thread(target=fail, name="failing")
others = [threading.Thread(target=steady, args=(k,), name=f"steady-{k}") for k in range(2)]
failing.start()
for t in others:
    t.start()
failing.join()
assert not failing.is_alive()
for t in others:
    t.join()
assert len(progress) == 40, f"the other threads did {len(progress)} of 40 steps"
print("thread_exception: the failing thread ended alone; the others did all 40 steps; main finished")
