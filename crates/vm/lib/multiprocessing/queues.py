"""Queues between processes: Queue, JoinableQueue, SimpleQueue.

A multiprocessing Queue is a one-way OS pipe plus a few shared semaphores:

    put(obj)  serialize obj (so an unserializable object fails right here),
              take a slot of ``_sem`` (a BoundedSemaphore(maxsize): that is
              what makes a bounded queue block, and what qsize()/full()
              read), and hand the bytes to the *feeder*;
    feeder    a native background thread (``_gilded_mp.Feeder``) that writes
              each message to the pipe while holding ``_wlock``, so that
              messages from several processes never interleave.  put() never
              waits for the pipe: a full pipe only holds up the feeder;
    get()     take ``_rlock`` (one reader at a time), read one message,
              give the slot back to ``_sem``, rebuild the object.

Because of the feeder, an object put() is not in the pipe *yet* when put()
returns: empty() right after put() may still say True (as in CPython).  At
exit, the interpreter waits until every feeder has written what it holds.

This is gilded's version of CPython's Lib/multiprocessing/queues.py, with a
native feeder instead of CPython's Python feeder thread.
"""

__all__ = ['Queue', 'SimpleQueue', 'JoinableQueue']

import os
import sys
import threading
import time

from queue import Empty, Full

import _gilded_mp
import multiprocessing.connection as connection
import multiprocessing.context as context
from multiprocessing.synchronize import SEM_VALUE_MAX

_dumps = context._dumps
_loads = _gilded_mp.loads


#
# Queue type using a pipe, buffer and thread
#

class Queue(object):

    def __init__(self, maxsize=0, *, ctx):
        if maxsize <= 0:
            maxsize = SEM_VALUE_MAX
        self._maxsize = maxsize
        self._reader, self._writer = connection.Pipe(duplex=False)
        self._rlock = ctx.Lock()
        self._opid = os.getpid()
        self._wlock = ctx.Lock()
        self._sem = ctx.BoundedSemaphore(maxsize)
        # For use by concurrent.futures
        self._ignore_epipe = False
        self._reset()

    # A queue reaches a child only as an argument of Process or Pool: then
    # the pipe ends and semaphores travel (inherited); the feeder does not --
    # each process starts its own at its first put().
    def __getstate__(self):
        context.assert_spawning(self)
        return (self._ignore_epipe, self._maxsize, self._reader, self._writer,
                self._rlock, self._wlock, self._sem, self._opid)

    def __setstate__(self, state):
        (self._ignore_epipe, self._maxsize, self._reader, self._writer,
         self._rlock, self._wlock, self._sem, self._opid) = state
        self._reset()

    def _reset(self):
        self._notempty = threading.Condition(threading.Lock())
        self._feeder = None
        self._joincancelled = False
        self._closed = False
        self._send_bytes = self._writer.send_bytes
        self._recv_bytes = self._reader.recv_bytes
        self._poll = self._reader.poll

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        data = _dumps(obj)      # errors appear here, in the caller
        if not self._sem.acquire(block, timeout):
            raise Full

        with self._notempty:
            if self._feeder is None:
                self._start_thread()
            self._feeder.put_bytes(data)

    def get(self, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        if block and timeout is None:
            with self._rlock:
                res = self._recv_bytes()
            self._sem.release()
        else:
            if block:
                deadline = time.monotonic() + timeout
            if not self._rlock.acquire(block, timeout):
                raise Empty
            try:
                if block:
                    timeout = deadline - time.monotonic()
                    if not self._poll(timeout):
                        raise Empty
                elif not self._poll():
                    raise Empty
                res = self._recv_bytes()
                self._sem.release()
            finally:
                self._rlock.release()
        # unserialize the data after having released the lock
        return _loads(res)

    def qsize(self):
        # Counts the items put and not yet got, in every process.
        return self._maxsize - self._sem._semlock._get_value()

    def empty(self):
        return not self._poll()

    def full(self):
        return self._sem._semlock._is_zero()

    def get_nowait(self):
        return self.get(False)

    def put_nowait(self, obj):
        return self.put(obj, False)

    def close(self):
        """No more put() from this process; the feeder finishes writing what
        it holds, then stops."""
        self._closed = True
        feeder = self._feeder
        if feeder is not None:
            feeder.close()

    def join_thread(self):
        """Wait until the feeder has written everything (after close())."""
        assert self._closed, "Queue {0!r} not closed".format(self)
        feeder = self._feeder
        if feeder is not None and not self._joincancelled:
            feeder.join()

    def cancel_join_thread(self):
        """Do not wait for the feeder at exit (what it still holds is lost)."""
        self._joincancelled = True
        if self._feeder is not None:
            self._feeder.cancel_join()

    def _start_thread(self):
        # Start the native feeder that writes our messages to the pipe.
        self._feeder = _gilded_mp.Feeder(self._writer, self._wlock._semlock)
        if self._joincancelled:
            self._feeder.cancel_join()


#
# A queue type which also supports join() and task_done() methods
#
# Note that if you do not call task_done() for each finished task then
# eventually the counter's semaphore may overflow causing Bad Things
# to happen.
#

class JoinableQueue(Queue):

    def __init__(self, maxsize=0, *, ctx):
        Queue.__init__(self, maxsize, ctx=ctx)
        self._unfinished_tasks = ctx.Semaphore(0)
        self._cond = ctx.Condition()

    def __getstate__(self):
        return Queue.__getstate__(self) + (self._cond, self._unfinished_tasks)

    def __setstate__(self, state):
        Queue.__setstate__(self, state[:-2])
        self._cond, self._unfinished_tasks = state[-2:]

    def put(self, obj, block=True, timeout=None):
        if self._closed:
            raise ValueError(f"Queue {self!r} is closed")
        data = _dumps(obj)
        if not self._sem.acquire(block, timeout):
            raise Full

        with self._notempty, self._cond:
            if self._feeder is None:
                self._start_thread()
            self._feeder.put_bytes(data)
            self._unfinished_tasks.release()

    def task_done(self):
        with self._cond:
            if not self._unfinished_tasks.acquire(False):
                raise ValueError('task_done() called too many times')
            if self._unfinished_tasks._semlock._is_zero():
                self._cond.notify_all()

    def join(self):
        with self._cond:
            if not self._unfinished_tasks._semlock._is_zero():
                self._cond.wait()


#
# Simplified Queue type -- really just a locked pipe
#

class SimpleQueue(object):

    def __init__(self, *, ctx):
        self._reader, self._writer = connection.Pipe(duplex=False)
        self._rlock = ctx.Lock()
        self._poll = self._reader.poll
        self._wlock = ctx.Lock()

    def close(self):
        self._reader.close()
        self._writer.close()

    def empty(self):
        return not self._poll()

    def __getstate__(self):
        context.assert_spawning(self)
        return (self._reader, self._writer, self._rlock, self._wlock)

    def __setstate__(self, state):
        (self._reader, self._writer, self._rlock, self._wlock) = state
        self._poll = self._reader.poll

    def get(self):
        with self._rlock:
            res = self._reader.recv_bytes()
        # unserialize the data after having released the lock
        return _loads(res)

    def put(self, obj):
        # serialize the data before acquiring the lock
        obj = _dumps(obj)
        with self._wlock:
            self._writer.send_bytes(obj)
