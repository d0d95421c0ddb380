# Timer: run a function after a delay, unless cancelled first.
import threading

fired = []
t = threading.Timer(0.01, fired.append, args=["tick"])
print(t.name.startswith("Thread-"), t.daemon, t.interval)
t.start()
t.join()
print(fired, t.finished.is_set(), t.is_alive())

cancelled = threading.Timer(10, fired.append, args=["never"])
cancelled.start()
cancelled.cancel()
cancelled.join()
print(fired)

kw = threading.Timer(0, lambda *a, **k: fired.append((a, k)), kwargs={"x": 1})
kw.start()
kw.join()
print(fired[-1])
print(isinstance(t, threading.Thread))
