# threading.RLock (and the pure-Python threading._PyRLock): reentrancy, ownership.
import threading

for make in (threading.RLock, threading._PyRLock):
    print("--", make.__name__)
    r = make()
    print(r.acquire(), r.acquire(), r.acquire(blocking=False))
    with r:
        print("nested with ok")
    other = []
    def try_other():
        other.append(r.acquire(False))          # owned by main: fails
        other.append(r.acquire(timeout=0.01))
        try:
            r.release()
        except RuntimeError as e:
            other.append(str(e))
    t = threading.Thread(target=try_other)
    t.start()
    t.join()
    print(other)
    r.release()
    r.release()
    print("still owned:", r._is_owned())
    r.release()
    print("owned after last release:", r._is_owned())
    try:
        r.release()
    except RuntimeError as e:
        print("RuntimeError:", e)
    got = []
    def take():
        got.append(r.acquire(False))
        r.release()
    t = threading.Thread(target=take)
    t.start()
    t.join()
    print("free for others:", got)
