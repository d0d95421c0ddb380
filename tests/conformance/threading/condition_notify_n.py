# notify(n) wakes at most n waiters; notify_all() the rest.
import threading

lock = threading.Lock()
cond = threading.Condition(lock)        # the waiters wait here
to_main = threading.Condition(lock)     # main waits here (same lock)
waiting = 0
woken = 0
go = False

def waiter():
    global waiting, woken
    with cond:
        waiting += 1
        to_main.notify()
        while not go:
            cond.wait()
        woken += 1
        to_main.notify()

threads = [threading.Thread(target=waiter) for _ in range(5)]
for t in threads:
    t.start()
with lock:
    to_main.wait_for(lambda: waiting == 5)
    print("all waiting:", waiting)
    go = True
    cond.notify(2)
    to_main.wait_for(lambda: woken >= 2)
    print("woken after notify(2):", woken)
    cond.notify_all()
    to_main.wait_for(lambda: woken == 5)
    print("woken after notify_all():", woken)
for t in threads:
    t.join()
with cond:
    cond.notify()           # nobody waiting: nothing happens
    cond.notify(10)
    cond.notify_all()
print("ok")
