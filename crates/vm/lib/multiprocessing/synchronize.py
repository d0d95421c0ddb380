"""Locks, semaphores, conditions, events and barriers shared between processes.

Everything here is built on one native primitive, ``_gilded_mp.SemLock``: a
POSIX semaphore that lives in shared memory, so that every process which
inherited it sees the same counter.  A SemLock is either

* a SEMAPHORE: a counter; acquire() waits while it is 0 and decrements it,
  release() increments it (any process may release), or
* a RECURSIVE_MUTEX: a lock owned by one thread of one process, which may
  acquire it again (RLock).

A Lock is a SEMAPHORE with value and maximum 1.  Condition, Event and Barrier
are built from several SemLocks in Python, as in CPython -- the classic
"condition variable from semaphores" construction.

These objects reach a child only by inheritance: pass them to Process(...)
or Pool(initargs=...), not through a Queue.

This is gilded's version of CPython's Lib/multiprocessing/synchronize.py.
"""

__all__ = [
    'Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event'
    ]

import threading
import sys
import time

import _gilded_mp
import multiprocessing.context as context
import multiprocessing.process as process

# Try to import the mp.synchronize module cleanly, if it fails
# raise ImportError for platforms lacking a working sem_open implementation.
# See issue 3770
RECURSIVE_MUTEX, SEMAPHORE = list(range(2))
RECURSIVE_MUTEX = getattr(_gilded_mp, "RECURSIVE_MUTEX", RECURSIVE_MUTEX)
SEMAPHORE = getattr(_gilded_mp, "SEMAPHORE", SEMAPHORE)
SEM_VALUE_MAX = getattr(_gilded_mp, "SEM_VALUE_MAX", 2147483647)


#
# Base class for semaphores and mutexes; wraps `_gilded_mp.SemLock`
#

class SemLock(object):

    def __init__(self, kind, value, maxvalue, *, ctx):
        self._semlock = _gilded_mp.SemLock(kind, value, maxvalue)
        self._make_methods()

    def _make_methods(self):
        # The native methods themselves: no Python frame between the caller
        # and the wait.
        self.acquire = self._semlock.acquire
        self.release = self._semlock.release

    def __enter__(self):
        return self._semlock.__enter__()

    def __exit__(self, *args):
        return self._semlock.__exit__(*args)

    # Sending a lock to a child sends the native SemLock, whose shared page
    # the child inherits.  The bound methods in __dict__ are not sent: the
    # child makes its own.
    def __getstate__(self):
        context.assert_spawning(self)
        return self._semlock

    def __setstate__(self, state):
        self._semlock = state
        self._make_methods()


#
# Semaphore
#

class Semaphore(SemLock):

    def __init__(self, value=1, *, ctx):
        SemLock.__init__(self, SEMAPHORE, value, SEM_VALUE_MAX, ctx=ctx)

    def get_value(self):
        return self._semlock._get_value()

    def __repr__(self):
        try:
            value = self._semlock._get_value()
        except Exception:
            value = 'unknown'
        return '<%s(value=%s)>' % (self.__class__.__name__, value)


#
# Bounded semaphore
#

class BoundedSemaphore(Semaphore):

    def __init__(self, value=1, *, ctx):
        SemLock.__init__(self, SEMAPHORE, value, value, ctx=ctx)

    def __repr__(self):
        try:
            value = self._semlock._get_value()
        except Exception:
            value = 'unknown'
        return '<%s(value=%s, maxvalue=%s)>' % \
               (self.__class__.__name__, value, self._semlock.maxvalue)


def _owner(semlock):
    # For the reprs of Lock and RLock: who holds the lock, and whether it is
    # this thread.
    if semlock._is_mine():
        name = process.current_process().name
        if threading.current_thread().name != 'MainThread':
            name += '|' + threading.current_thread().name
        return name, True
    elif semlock._get_value() == 1:
        return 'None', False
    elif semlock._count() > 0:
        return 'SomeOtherThread', False
    else:
        return 'SomeOtherProcess', False


#
# Non-recursive lock
#

class Lock(SemLock):

    def __init__(self, *, ctx):
        SemLock.__init__(self, SEMAPHORE, 1, 1, ctx=ctx)

    def __repr__(self):
        try:
            name, mine = _owner(self._semlock)
        except Exception:
            name = 'unknown'
        return '<%s(owner=%s)>' % (self.__class__.__name__, name)


#
# Recursive lock
#

class RLock(SemLock):

    def __init__(self, *, ctx):
        SemLock.__init__(self, RECURSIVE_MUTEX, 1, 1, ctx=ctx)

    def __repr__(self):
        try:
            name, mine = _owner(self._semlock)
            if mine:
                count = self._semlock._count()
            elif name == 'None':
                count = 0
            else:
                count = 'nonzero'
        except Exception:
            name, count = 'unknown', 'unknown'
        return '<%s(%s, %s)>' % (self.__class__.__name__, name, count)


#
# Condition variable
#
# threading.Condition keeps a list of waiters; a list cannot be shared
# between processes, so this one counts with three semaphores instead:
#   _sleeping_count  released by every waiter as it goes to sleep
#   _woken_count     released by every waiter as it wakes up
#   _wait_semaphore  what the waiters sleep on; notify() releases it once
#                    per thread to wake
#

class Condition(object):

    def __init__(self, lock=None, *, ctx):
        self._lock = lock or ctx.RLock()
        self._sleeping_count = ctx.Semaphore(0)
        self._woken_count = ctx.Semaphore(0)
        self._wait_semaphore = ctx.Semaphore(0)
        self._make_methods()

    def __getstate__(self):
        context.assert_spawning(self)
        return (self._lock, self._sleeping_count,
                self._woken_count, self._wait_semaphore)

    def __setstate__(self, state):
        (self._lock, self._sleeping_count,
         self._woken_count, self._wait_semaphore) = state
        self._make_methods()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def _make_methods(self):
        pass

    # (CPython copies the lock's bound methods onto the condition; here they
    # delegate, because in a child the lock's own state may be restored only
    # after the condition's.)
    def acquire(self, *args, **kwargs):
        return self._lock.acquire(*args, **kwargs)

    def release(self):
        return self._lock.release()

    def __repr__(self):
        try:
            num_waiters = (self._sleeping_count._semlock._get_value() -
                           self._woken_count._semlock._get_value())
        except Exception:
            num_waiters = 'unknown'
        return '<%s(%s, %s)>' % (self.__class__.__name__, self._lock, num_waiters)

    def wait(self, timeout=None):
        assert self._lock._semlock._is_mine(), \
               'must acquire() condition before using wait()'

        # indicate that this thread is going to sleep
        self._sleeping_count.release()

        # release lock
        count = self._lock._semlock._count()
        for i in range(count):
            self._lock.release()

        try:
            # wait for notification or timeout
            return self._wait_semaphore.acquire(True, timeout)
        finally:
            # indicate that this thread has woken
            self._woken_count.release()

            # reacquire lock
            for i in range(count):
                self._lock.acquire()

    def notify(self, n=1):
        assert self._lock._semlock._is_mine(), 'lock is not owned'
        assert not self._wait_semaphore.acquire(
            False), ('notify: Should not have been able to acquire '
                     + '_wait_semaphore')

        # to take account of timeouts since last notify*() we subtract
        # woken_count from sleeping_count and rezero woken_count
        while self._woken_count.acquire(False):
            res = self._sleeping_count.acquire(False)
            assert res, ('notify: Bug in sleeping_count.acquire'
                         + '- res should not be False')

        sleepers = 0
        while sleepers < n and self._sleeping_count.acquire(False):
            self._wait_semaphore.release()        # wake up one sleeper
            sleepers += 1

        if sleepers:
            for i in range(sleepers):
                self._woken_count.acquire()       # wait for a sleeper to wake

            # rezero wait_semaphore in case some timeouts just happened
            while self._wait_semaphore.acquire(False):
                pass

    def notify_all(self):
        self.notify(n=sys.maxsize)

    def wait_for(self, predicate, timeout=None):
        result = predicate()
        if result:
            return result
        if timeout is not None:
            endtime = time.monotonic() + timeout
        else:
            endtime = None
            waittime = None
        while not result:
            if endtime is not None:
                waittime = endtime - time.monotonic()
                if waittime <= 0:
                    break
            self.wait(waittime)
            result = predicate()
        return result


#
# Event: the flag is a semaphore whose value is 0 (unset) or 1 (set)
#

class Event(object):

    def __init__(self, *, ctx):
        self._cond = ctx.Condition(ctx.Lock())
        self._flag = ctx.Semaphore(0)

    def is_set(self):
        with self._cond:
            if self._flag.acquire(False):
                self._flag.release()
                return True
            return False

    def set(self):
        with self._cond:
            self._flag.acquire(False)
            self._flag.release()
            self._cond.notify_all()

    def clear(self):
        with self._cond:
            self._flag.acquire(False)

    def wait(self, timeout=None):
        with self._cond:
            if self._flag.acquire(False):
                self._flag.release()
            else:
                self._cond.wait(timeout)

            if self._flag.acquire(False):
                self._flag.release()
                return True
            return False

    def __repr__(self):
        set_status = 'set' if self.is_set() else 'unset'
        return f"<{type(self).__qualname__} at {id(self):#x} {set_status}>"


#
# Barrier: threading.Barrier's algorithm, with its two counters (_state and
# _count) kept in shared memory and its condition a multiprocessing one.
#

class Barrier(threading.Barrier):

    def __init__(self, parties, action=None, timeout=None, *, ctx):
        array = _gilded_mp.SharedArray('i', 2)
        cond = ctx.Condition()
        self.__setstate__((parties, action, timeout, cond, array))
        self._state = 0
        self._count = 0

    def __setstate__(self, state):
        (self._parties, self._action, self._timeout,
         self._cond, self._array) = state

    def __getstate__(self):
        return (self._parties, self._action, self._timeout,
                self._cond, self._array)

    @property
    def _state(self):
        return self._array[0]

    @_state.setter
    def _state(self, value):
        self._array[0] = value

    @property
    def _count(self):
        return self._array[1]

    @_count.setter
    def _count(self, value):
        self._array[1] = value
