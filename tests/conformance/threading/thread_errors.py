# The errors Thread raises for misuse.
import threading

def attempt(label, fn):
    try:
        fn()
        print(label, "-> ok")
    except Exception as e:
        print(label, "->", type(e).__name__, e)

t = threading.Thread(target=lambda: None)
attempt("join before start", t.join)
t.start()
attempt("start twice", t.start)
t.join()
attempt("start after join", t.start)
attempt("join twice", t.join)

def set_daemon():
    t.daemon = True
attempt("daemon after start", set_daemon)
attempt("group", lambda: threading.Thread(group="g"))

errors = []
def join_self():
    try:
        threading.current_thread().join()
    except RuntimeError as e:
        errors.append(str(e))
s = threading.Thread(target=join_self)
s.start()
s.join()
print("join self ->", errors)
attempt("main joins itself", threading.main_thread().join)

class NoInit(threading.Thread):
    def __init__(self):
        pass
attempt("no __init__", NoInit().start)
attempt("no __init__ join", NoInit().join)
attempt("bad args", lambda: threading.Thread(None, None, None, (), None, True))
