# active_count(), enumerate(), current_thread(), main_thread().
import threading

print(threading.active_count(), [t.name for t in threading.enumerate()])
print(threading.current_thread() is threading.main_thread())
print(threading.main_thread() in threading.enumerate())

ready = threading.Semaphore(0)
go = threading.Event()

def worker():
    ready.release()
    go.wait()

threads = [threading.Thread(target=worker, name=f"w{i}") for i in range(3)]
for t in threads:
    t.start()
for t in threads:
    ready.acquire()
print(threading.active_count())
print(sorted(t.name for t in threading.enumerate()))
print(all(t.is_alive() for t in threads))
go.set()
for t in threads:
    t.join()
print(threading.active_count(), [t.name for t in threading.enumerate()])

inside = []
def who():
    me = threading.current_thread()
    inside.append((me.name, me is t, me is threading.main_thread()))
t = threading.Thread(target=who, name="who")
t.start()
t.join()
print(inside)
