# The native lock types behind threading.Lock and threading.RLock.
import threading
import _thread

lock = threading.Lock()
print(type(lock), type(lock) is _thread.LockType)
print(threading.Lock is _thread.allocate_lock)
r = threading.RLock()
print(type(r), type(r) is _thread.RLock)
print(repr(lock).replace(hex(id(lock)), "ADDR"))
lock.acquire()
print(repr(lock).replace(hex(id(lock)), "ADDR"))
print(lock.__exit__(None, None, None))
print(lock.locked())
print(_thread.error is RuntimeError)
print(_thread._count() >= 0)
with r:
    print(r._is_owned())
print(r._is_owned())
try:
    r.release()
except RuntimeError as e:
    print("RuntimeError:", e)
