# gilded-expect-stdout: worker finished after main returned: True
"""A non-daemon thread finishes before the process exits: the main thread's code ends
while the worker still sleeps, and the worker's line, printed 0.3 s later, appears
(checked by the harness), with exit status 0.
"""
import threading
import time

main_returned = False


def worker():
    time.sleep(0.3)
    print(f"worker finished after main returned: {main_returned}", flush=True)


threading.Thread(target=worker, name="worker").start()
print("main reaches its end", flush=True)
main_returned = True
