# threading.excepthook receives uncaught exceptions of threads.
import threading

print(threading.excepthook is threading.__excepthook__)
caught = []
def hook(args):
    caught.append((args.exc_type.__name__, str(args.exc_value),
                   args.exc_traceback is not None, args.thread.name))

threading.excepthook = hook

def fail(kind):
    raise kind("failed in thread")

for kind in (ValueError, KeyError, ZeroDivisionError):
    t = threading.Thread(target=fail, args=(kind,), name=kind.__name__)
    t.start()
    t.join()
    print(t.name, "alive:", t.is_alive())
for c in caught:
    print(c)

# SystemExit ends only its own thread; the default hook prints nothing.
threading.excepthook = threading.__excepthook__
def leave():
    raise SystemExit(3)
t = threading.Thread(target=leave)
t.start()
t.join()
print("main still running")

args = threading.ExceptHookArgs([ValueError, ValueError("x"), None, None])
print(args.exc_type, args.exc_value, args.exc_traceback, args.thread)
print(len(args), args[0] is ValueError)
