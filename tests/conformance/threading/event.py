# Event: a flag threads can wait for.
import threading

e = threading.Event()
print(e.is_set(), repr(e).replace(hex(id(e)), "ADDR"))
print(e.wait(0.01), e.wait(0))
e.set()
print(e.is_set(), e.wait(), e.wait(0), repr(e).replace(hex(id(e)), "ADDR"))
e.clear()
print(e.is_set())

# Many waiters, one set().
start = threading.Event()
woke = []
lock = threading.Lock()
def waiter(i):
    start.wait()
    with lock:
        woke.append(i)
threads = [threading.Thread(target=waiter, args=(i,)) for i in range(5)]
for t in threads:
    t.start()
print("before set:", woke)
start.set()
for t in threads:
    t.join()
print("after set:", sorted(woke))

# Ping-pong between two threads with two events.
ping, pong = threading.Event(), threading.Event()
log = []
def player():
    for i in range(3):
        ping.wait()
        ping.clear()
        log.append(f"pong {i}")
        pong.set()
t = threading.Thread(target=player)
t.start()
for i in range(3):
    log.append(f"ping {i}")
    ping.set()
    pong.wait()
    pong.clear()
t.join()
print(log)
