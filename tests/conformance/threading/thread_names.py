# Default and explicit thread names (Thread-N, Thread-N (target)).
import functools
import threading

def work():
    pass

class Job:
    def __call__(self):
        pass

print(threading.main_thread().name)
print(threading.current_thread().name)
print(threading.Thread().name)
print(threading.Thread(target=work).name)
print(threading.Thread(target=lambda: None).name)
print(threading.Thread(target=functools.partial(work)).name)   # no __name__
print(threading.Thread(target=Job()).name)                      # no __name__
print(threading.Thread(target=print).name)
print(threading.Thread(name="custom").name)
print(threading.Thread(name=42).name, type(threading.Thread(name=42).name))
print(threading.Thread(name="").name)                           # empty: default

seen = []
def report():
    seen.append(threading.current_thread().name)
    threading.current_thread().name = "renamed inside"
    seen.append(threading.current_thread().name)

t = threading.Thread(target=report, name="reporter")
t.start()
t.join()
print(seen, t.name)
t.name = 3.5
print(repr(t.name))

main = threading.main_thread()
main.name = "Main"
print(threading.current_thread().name)
main.name = "MainThread"
