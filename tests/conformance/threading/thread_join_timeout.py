# join(timeout) returns None whether or not the thread ended: check is_alive().
import threading

release = threading.Event()
t = threading.Thread(target=release.wait)
t.start()
print(t.join(timeout=0.05), t.is_alive())
print(t.join(0), t.is_alive())
print(t.join(-1), t.is_alive())     # negative timeouts behave like 0
release.set()
print(t.join(5), t.is_alive())
print(t.join(), t.is_alive())       # joining again is fine
