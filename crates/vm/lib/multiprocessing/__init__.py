"""Processes, in the style of threading: run Python code in parallel, on
several CPUs, each process with its own interpreter and its own GIL.

    from multiprocessing import Process, Queue

    def work(q, n):
        q.put(n * n)

    q = Queue()
    ps = [Process(target=work, args=(q, i)) for i in range(4)]
    for p in ps: p.start()
    for p in ps: p.join()
    print(sorted(q.get() for _ in ps))    # [0, 1, 4, 9]

Threads share one interpreter, so the GIL lets only one of them run Python
code at a time.  Processes share nothing: each child is a fresh gilded
process, so CPU-bound work really runs in parallel.  The price is that
everything a child needs must be sent to it -- serialized, copied -- and
results must be sent back: through a Queue or a Pipe, or written into shared
memory (Value, Array).  A Pool does the sending for you.

gilded's only start method is "spawn": the child does not re-run your script
(its main module is called __mp_main__); the target function travels by value,
with the globals it uses.

The package is gilded's version of CPython's Lib/multiprocessing/:

    process       Process, current_process(), the child's bootstrap
    context       get_context() & co., the exceptions
    synchronize   Lock, RLock, Semaphore, Condition, Event, Barrier
    connection    Pipe, Connection
    queues        Queue, JoinableQueue, SimpleQueue
    sharedctypes  Value, Array, RawValue, RawArray
    pool          Pool

all built on the native module _gilded_mp (semaphores and arrays in shared
memory, pipes, starting processes, serialization).
"""

import sys
import multiprocessing.context as context

__all__ = [
    'Array', 'AuthenticationError', 'Barrier', 'BoundedSemaphore',
    'BufferTooShort', 'Condition', 'Event', 'JoinableQueue', 'Lock',
    'Pipe', 'Pool', 'Process', 'ProcessError', 'Queue', 'RLock', 'RawArray',
    'RawValue', 'Semaphore', 'SimpleQueue', 'TimeoutError', 'Value',
    'active_children', 'allow_connection_pickling', 'cpu_count',
    'current_process', 'freeze_support', 'get_all_start_methods',
    'get_context', 'get_start_method', 'parent_process', 'set_executable',
    'set_forkserver_preload', 'set_start_method',
]

# As in CPython, the module's functions are the bound methods of the default
# context: multiprocessing.Queue is context._default_context.Queue.
_ctx = context._default_context
Process = context.Process
ProcessError = context.ProcessError
BufferTooShort = context.BufferTooShort
TimeoutError = context.TimeoutError
AuthenticationError = context.AuthenticationError
for _name in __all__:
    if _name not in globals():
        globals()[_name] = getattr(_ctx, _name)
del _name, _ctx

SUBDEBUG = 5
SUBWARNING = 25

# The submodules, loaded now so that `from multiprocessing import pool` and
# `multiprocessing.pool.Pool` work (gilded's `from package import name` does
# not load submodules by itself).
import multiprocessing.synchronize as _submodule
import multiprocessing.connection as _submodule
import multiprocessing.queues as _submodule
import multiprocessing.sharedctypes as _submodule
import multiprocessing.pool as _submodule
del _submodule

# Called by the interpreter at exit: terminate daemonic children, join the
# others (see process._exit_function).
from multiprocessing.process import _exit_function
