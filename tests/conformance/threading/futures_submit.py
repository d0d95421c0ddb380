# ThreadPoolExecutor.submit(): results, exceptions, states, callbacks.
from concurrent.futures import ThreadPoolExecutor, Future
import threading

def norm(f):
    return repr(f).replace(hex(id(f)), "ADDR")

def divide(a, b):
    return a / b

with ThreadPoolExecutor(max_workers=2) as ex:
    ok = ex.submit(divide, 1, 4)
    bad = ex.submit(divide, 1, 0)
    kw = ex.submit(divide, b=2, a=10)
    print(ok.result(), kw.result(timeout=5))
    try:
        bad.result()
    except ZeroDivisionError as e:
        print("result() re-raises:", type(e).__name__, e)
    print("exception():", repr(bad.exception()), ok.exception())
    print(ok.done(), ok.running(), ok.cancelled(), ok.cancel())
    print(norm(ok))
    print(norm(bad))
    print(isinstance(ok, Future))

    # Callbacks: run when the future completes, or at once if already done.
    log = []
    gate = threading.Event()
    slow = ex.submit(gate.wait)
    slow.add_done_callback(lambda f: log.append(("first", f.result())))
    slow.add_done_callback(lambda f: log.append(("second", f is slow)))
    print("before:", log)
    gate.set()
    slow.result()
    ok.add_done_callback(lambda f: log.append(("immediate", f.result())))
print(sorted(log))

# fn is positional-only, so a keyword called "fn" goes to the function.
with ThreadPoolExecutor(1) as ex:
    print(ex.submit(lambda **kw: kw, fn=1, self=2).result())
