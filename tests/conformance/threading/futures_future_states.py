# A Future used directly, the way an executor drives it.
from concurrent.futures import Future, CancelledError, InvalidStateError, TimeoutError
import concurrent.futures as cf

def norm(f):
    return repr(f).replace(hex(id(f)), "ADDR")

f = Future()
print(norm(f), f.done(), f.running())
try:
    f.result(timeout=0.01)
except TimeoutError as e:
    print("result timeout:", type(e).__name__, repr(str(e)))
try:
    f.exception(timeout=0)
except TimeoutError:
    print("exception timeout")
print(f.set_running_or_notify_cancel(), norm(f), f.running(), f.cancel())
f.set_result([1, 2])
print(norm(f), f.result(), f.done())
try:
    f.set_result(3)
except InvalidStateError as e:
    print("InvalidStateError:", str(e).replace(hex(id(f)), "ADDR"))

g = Future()
print(g.cancel(), g.cancel(), g.cancelled(), g.done(), norm(g))
for call in (g.result, g.exception):
    try:
        call()
    except CancelledError as e:
        print(call.__name__, "->", type(e).__name__, repr(e))
print(g.set_running_or_notify_cancel(), norm(g))
try:
    g.set_exception(ValueError())
except InvalidStateError as e:
    print("InvalidStateError:", str(e).replace(hex(id(g)), "ADDR"))

h = Future()
h.set_exception(KeyError("k"))
print(norm(h), repr(h.exception()))
try:
    h.result()
except KeyError as e:
    print("KeyError", e)
print(cf.TimeoutError is TimeoutError, TimeoutError.__module__, issubclass(TimeoutError, OSError))
print([c.__name__ for c in CancelledError.__mro__], issubclass(cf.BrokenExecutor, RuntimeError))
print(cf.FIRST_COMPLETED, cf.FIRST_EXCEPTION, cf.ALL_COMPLETED)
