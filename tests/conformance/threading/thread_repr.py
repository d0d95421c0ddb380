# repr() of threads in every state (idents replaced, they vary).
import threading

def show(t):
    r = repr(t)
    if t.ident is not None:
        r = r.replace(str(t.ident), "IDENT")
    print(r)

go = threading.Event()

def worker():
    go.wait()

t = threading.Thread(target=worker)
show(t)
d = threading.Thread(target=worker, name="bg", daemon=True)
show(d)
t.start()
d.start()
show(t)
show(d)
go.set()
t.join()
d.join()
show(t)
show(d)

class MyThread(threading.Thread):
    pass

m = MyThread(name="mine")
show(m)
m.start()
m.join()
show(m)
show(threading.main_thread())
