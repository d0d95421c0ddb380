# An uncaught exception in a thread: "Exception in thread NAME:" and the
# traceback go to stderr; the program itself goes on and exits with 0.
# NOTE: CPython's traceback shows frames of its own threading.py (with its
# absolute path and line numbers), so this program's expected stderr cannot
# be matched without normalisation.
import threading

def worker():
    print("worker starts")
    raise ValueError("bad value in worker")

t = threading.Thread(target=worker)
t.start()
t.join()
print("main continues, thread alive:", t.is_alive())
