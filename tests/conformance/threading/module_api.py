# The public names of threading, queue and concurrent.futures.
import threading
import queue
import concurrent.futures as cf
import concurrent

for name in ["Thread", "Lock", "RLock", "Condition", "Semaphore", "BoundedSemaphore",
             "Event", "Barrier", "BrokenBarrierError", "Timer", "local",
             "current_thread", "main_thread", "active_count", "enumerate",
             "get_ident", "get_native_id", "excepthook", "ExceptHookArgs",
             "TIMEOUT_MAX", "ThreadError"]:
    print("threading", name, hasattr(threading, name))
print(threading.ThreadError is RuntimeError, threading.TIMEOUT_MAX > 1e6)
print(sorted(queue.__all__))
for name in ["Future", "Executor", "ThreadPoolExecutor", "wait", "as_completed",
             "CancelledError", "TimeoutError", "InvalidStateError", "BrokenExecutor",
             "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"]:
    print("futures", name, hasattr(cf, name))
print(concurrent.futures is cf)
print(threading.Timer.__mro__[1] is threading.Thread)
print(cf.ThreadPoolExecutor.__mro__[1] is cf.Executor)
print(type(threading.main_thread()).__name__)
