# wait() on a Condition whose RLock is held several times releases it fully,
# and restores the full recursion level when it returns.
import threading

for lock in (threading.RLock(), threading._PyRLock()):
    cond = threading.Condition(lock)
    flag = []

    def setter():
        with cond:               # only possible if wait() released every level
            flag.append(True)
            cond.notify()

    with cond:
        with cond:
            with cond:
                t = threading.Thread(target=setter)
                t.start()
                print(cond.wait_for(lambda: flag))
            print("owned at depth 2:", lock._is_owned())
        print("owned at depth 1:", lock._is_owned())
    print("owned after:", lock._is_owned())
    t.join()
