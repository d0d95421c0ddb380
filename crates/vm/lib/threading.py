"""Thread objects and synchronisation primitives, built on the native `_thread`.

This is gilded's version of CPython's Lib/threading.py: the same public API and
behaviour (names, reprs, error messages), written to be read.

Everything here rests on three things the native `_thread` module provides:

* ``start_new_thread(func, args)`` -- run ``func(*args)`` on a new OS thread;
* ``allocate_lock()`` -- a plain, non-reentrant lock that *any* thread may
  release (not only the one that acquired it);
* ``RLock`` -- a reentrant lock owned by one thread.

A plain lock that one thread acquires and another releases is a one-shot
signal, and that is the trick used all over this module: ``Thread.join()``,
``Condition.wait()`` and ``Thread.start()`` all block by acquiring a lock that
some other thread will release.  Blocking acquires release the GIL, so a waiting
thread costs nothing while it waits.

Every object here is usable with ``with`` and every acquire-like method takes
``blocking``/``timeout`` the way CPython's do.
"""

import sys as _sys
import _thread
from itertools import count as _count
from collections import deque as _deque, namedtuple as _namedtuple
from time import monotonic as _time

__all__ = ['get_ident', 'get_native_id', 'active_count', 'Condition',
           'current_thread', 'enumerate', 'main_thread', 'TIMEOUT_MAX',
           'Event', 'Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Thread',
           'Barrier', 'BrokenBarrierError', 'Timer', 'ThreadError', 'local',
           'excepthook', 'ExceptHookArgs']

# Local names for the native functions: the hot paths (start, join, the
# bootstrap) use these directly instead of looking them up on `_thread`.
_start_new_thread = _thread.start_new_thread
_allocate_lock = _thread.allocate_lock
get_ident = _thread.get_ident
get_native_id = _thread.get_native_id
ThreadError = _thread.error
TIMEOUT_MAX = _thread.TIMEOUT_MAX
local = _thread._local          # thread-local storage is implemented natively
try:
    from _thread import stack_size
    __all__.append('stack_size')
except ImportError:
    pass

# gilded-only hooks, looked up with getattr so that this file also runs under
# CPython (which is how its behaviour is checked against CPython's own module).
# _set_name tells the GIL statistics what the current thread is called.
_set_name = getattr(_thread, "_set_name", None)
_print_exception = getattr(_thread, "_print_exception", None)
if _print_exception is None:
    def _print_exception(exc):
        """Print exc's traceback to stderr like an uncaught exception."""
        import traceback        # only under CPython: gilded has no traceback module
        traceback.print_exception(exc)


# ---------------------------------------------------------------------------
# Locks

Lock = _allocate_lock


def RLock(*args, **kwargs):
    """Return a new reentrant lock.

    A reentrant lock must be released by the thread that acquired it.  The
    owning thread may acquire it again without blocking; it must then release
    it once for each time it acquired it.
    """
    if _CRLock is None:
        return _PyRLock(*args, **kwargs)
    return _CRLock(*args, **kwargs)


class _RLock:
    """A reentrant lock written in Python on top of a plain lock.

    Used only when `_thread` has no native RLock, but it shows what a
    reentrant lock *is*: a plain lock plus an owner and a recursion count.
    Only the first acquire by a thread touches the underlying lock; the
    others just count.
    """

    def __init__(self):
        self._block = _allocate_lock()
        self._owner = None
        self._count = 0

    def __repr__(self):
        owner = self._owner
        try:
            owner = _active[owner].name
        except KeyError:
            pass
        return "<%s %s.%s object owner=%r count=%d at %s>" % (
            "locked" if self._block.locked() else "unlocked",
            self.__class__.__module__, self.__class__.__qualname__,
            owner, self._count, hex(id(self)))

    def acquire(self, blocking=True, timeout=-1):
        """Acquire the lock; return True on success (as Lock.acquire)."""
        me = get_ident()
        if self._owner == me:
            self._count += 1
            return 1
        rc = self._block.acquire(blocking, timeout)
        if rc:
            self._owner = me
            self._count = 1
        return rc

    __enter__ = acquire

    def release(self):
        """Release once; the lock is free again when the count reaches 0."""
        if self._owner != get_ident():
            raise RuntimeError("cannot release un-acquired lock")
        self._count = count = self._count - 1
        if not count:
            self._owner = None
            self._block.release()

    def __exit__(self, t, v, tb):
        self.release()

    # Condition.wait() must release the lock completely, however many times
    # it is held, and later restore the same state: these two do that.
    def _release_save(self):
        if self._count == 0:
            raise RuntimeError("cannot release un-acquired lock")
        state = (self._count, self._owner)
        self._count = 0
        self._owner = None
        self._block.release()
        return state

    def _acquire_restore(self, state):
        self._block.acquire()
        self._count, self._owner = state

    def _is_owned(self):
        return self._owner == get_ident()


_PyRLock = _RLock
_CRLock = getattr(_thread, "RLock", None)


# ---------------------------------------------------------------------------
# Condition variables

class Condition:
    """A condition variable: lets threads wait until another thread notifies.

    A condition is always used together with a lock (an RLock unless one is
    given).  The waiting thread holds the lock, checks some shared state, and
    calls wait(); wait() releases the lock *and* starts waiting in one step,
    so a notify() sent in between cannot be missed.

    How waiting works: every wait() allocates a fresh plain lock (its
    "waiter"), acquires it once, puts it in self._waiters, and then blocks by
    acquiring it a second time.  notify() wakes a waiter by releasing its
    lock.  A plain lock may be released by any thread -- that is exactly what
    makes this work.
    """

    def __init__(self, lock=None):
        if lock is None:
            lock = RLock()
        self._lock = lock
        # The lock's own methods become the condition's: `with cond:` and
        # cond.acquire() lock the underlying lock.
        self.acquire = lock.acquire
        self.release = lock.release
        # A lock that knows its owner can answer "do I hold it?" itself, and a
        # reentrant lock may know how to release/restore all its levels at
        # once; otherwise the generic methods below are used.
        self._reentrant = hasattr(lock, "_is_owned")
        if self._reentrant:
            self._is_owned = lock._is_owned
        if hasattr(lock, "_release_save"):
            self._release_save = lock._release_save
            self._acquire_restore = lock._acquire_restore
        self._waiters = _deque()

    def __enter__(self):
        return self._lock.__enter__()

    def __exit__(self, *args):
        return self._lock.__exit__(*args)

    def __repr__(self):
        return "<Condition(%s, %d)>" % (self._lock, len(self._waiters))

    def _release_save(self):
        # A plain lock is held at most once: one release frees it.  A
        # reentrant lock without _release_save may be held several times by
        # this thread: release it until we no longer own it, and remember how
        # many times that took.
        if not self._reentrant:
            self._lock.release()
            return 1
        count = 0
        while self._lock._is_owned():
            self._lock.release()
            count += 1
        return count

    def _acquire_restore(self, count):
        for _ in range(count):
            self._lock.acquire()

    def _is_owned(self):
        # A plain lock does not know its owner.  If we can take it, nobody
        # held it (so we did not); otherwise assume that we hold it.
        if self._lock.acquire(False):
            self._lock.release()
            return False
        return True

    def wait(self, timeout=None):
        """Wait until notified or until the timeout (in seconds) expires.

        The calling thread must hold the lock.  The lock is released while
        waiting and re-acquired before returning.  Returns True if notified,
        False if the timeout expired.
        """
        if not self._is_owned():
            raise RuntimeError("cannot wait on un-acquired lock")
        waiter = _allocate_lock()
        waiter.acquire()
        self._waiters.append(waiter)
        saved_state = self._release_save()
        gotit = False
        try:        # restore the lock no matter what (e.g. KeyboardInterrupt)
            if timeout is None:
                waiter.acquire()
                gotit = True
            elif timeout > 0:
                gotit = waiter.acquire(True, timeout)
            else:
                gotit = waiter.acquire(False)
            return gotit
        finally:
            self._acquire_restore(saved_state)
            if not gotit:
                # Timed out: take our waiter out of the list ourselves (a
                # notify() may have removed it in the meantime).
                try:
                    self._waiters.remove(waiter)
                except ValueError:
                    pass

    def wait_for(self, predicate, timeout=None):
        """Wait until predicate() is true; return its last value.

        Always re-check the predicate after waking up: another thread may
        have changed the state again before we got the lock back.
        """
        endtime = None
        waittime = timeout
        result = predicate()
        while not result:
            if waittime is not None:
                if endtime is None:
                    endtime = _time() + waittime
                else:
                    waittime = endtime - _time()
                    if waittime <= 0:
                        break
            self.wait(waittime)
            result = predicate()
        return result

    def notify(self, n=1):
        """Wake up at most n threads waiting on this condition."""
        if not self._is_owned():
            raise RuntimeError("cannot notify on un-acquired lock")
        waiters = self._waiters
        while waiters and n > 0:
            waiter = waiters[0]
            try:
                waiter.release()
            except RuntimeError:
                pass        # that waiter timed out meanwhile: not counted
            else:
                n -= 1
            try:
                waiters.remove(waiter)
            except ValueError:
                pass

    def notify_all(self):
        """Wake up all threads waiting on this condition."""
        self.notify(len(self._waiters))


# ---------------------------------------------------------------------------
# Semaphores, events, barriers: all built from a Condition

class Semaphore:
    """A counter that acquire() decrements and release() increments.

    acquire() blocks while the counter is 0, so a Semaphore(n) lets at most n
    threads hold it at a time.
    """

    def __init__(self, value=1):
        if value < 0:
            raise ValueError("semaphore initial value must be >= 0")
        self._cond = Condition(Lock())
        self._value = value

    def __repr__(self):
        cls = self.__class__
        return (f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}:"
                f" value={self._value}>")

    def acquire(self, blocking=True, timeout=None):
        """Decrement the counter, waiting while it is 0; return True on success."""
        if not blocking and timeout is not None:
            raise ValueError("can't specify timeout for non-blocking acquire")
        rc = False
        endtime = None
        with self._cond:
            while self._value == 0:
                if not blocking:
                    break
                if timeout is not None:
                    if endtime is None:
                        endtime = _time() + timeout
                    else:
                        timeout = endtime - _time()
                        if timeout <= 0:
                            break
                self._cond.wait(timeout)
            else:
                self._value -= 1
                rc = True
        return rc

    __enter__ = acquire

    def release(self, n=1):
        """Increment the counter by n and wake up to n waiting threads."""
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            self._value += n
            for i in range(n):
                self._cond.notify()

    def __exit__(self, t, v, tb):
        self.release()


class BoundedSemaphore(Semaphore):
    """A Semaphore whose counter may never go above its initial value.

    Releasing more often than acquiring is almost always a bug; this class
    turns that bug into a ValueError.
    """

    def __init__(self, value=1):
        Semaphore.__init__(self, value)
        self._initial_value = value

    def __repr__(self):
        cls = self.__class__
        return (f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}:"
                f" value={self._value}/{self._initial_value}>")

    def release(self, n=1):
        """As Semaphore.release(), but never above the initial value."""
        if n < 1:
            raise ValueError('n must be one or more')
        with self._cond:
            if self._value + n > self._initial_value:
                raise ValueError("Semaphore released too many times")
            self._value += n
            for i in range(n):
                self._cond.notify()


class Event:
    """A flag that threads can wait for: set(), clear(), wait()."""

    def __init__(self):
        self._cond = Condition(Lock())
        self._flag = False

    def __repr__(self):
        cls = self.__class__
        status = 'set' if self._flag else 'unset'
        return f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: {status}>"

    def is_set(self):
        """Return True if the flag is set."""
        return self._flag

    def set(self):
        """Set the flag and wake up every thread waiting for it."""
        with self._cond:
            self._flag = True
            self._cond.notify_all()

    def clear(self):
        """Reset the flag: wait() blocks again until the next set()."""
        with self._cond:
            self._flag = False

    def wait(self, timeout=None):
        """Block until the flag is set; return the flag (False on timeout)."""
        with self._cond:
            signaled = self._flag
            if not signaled:
                signaled = self._cond.wait(timeout)
            return signaled


class Barrier:
    """Make `parties` threads wait for each other.

    Each thread calls wait(); the last one to arrive runs the optional action
    and releases them all.  The barrier can then be used again.  If a wait
    times out, the action raises, or abort() is called, the barrier "breaks"
    and every waiter gets BrokenBarrierError.

    States: 0 filling (threads arriving), 1 draining (threads leaving after the
    trip), -1 resetting, -2 broken.
    """

    def __init__(self, parties, action=None, timeout=None):
        self._cond = Condition(Lock())
        self._action = action
        self._timeout = timeout
        self._parties = parties
        self._state = 0
        self._count = 0             # threads currently inside wait()

    def __repr__(self):
        cls = self.__class__
        if self.broken:
            return f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}: broken>"
        return (f"<{cls.__module__}.{cls.__qualname__} at {id(self):#x}:"
                f" waiters={self.n_waiting}/{self.parties}>")

    def wait(self, timeout=None):
        """Wait for the others; return this thread's arrival index (0..parties-1)."""
        if timeout is None:
            timeout = self._timeout
        with self._cond:
            self._enter()       # block while a previous round drains
            index = self._count
            self._count += 1
            try:
                if index + 1 == self._parties:
                    self._release()     # last to arrive: trip the barrier
                else:
                    self._wait(timeout)
                return index
            finally:
                self._count -= 1
                self._exit()

    def _enter(self):
        while self._state in (-1, 1):
            self._cond.wait()
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == 0

    def _release(self):
        try:
            if self._action:
                self._action()
            self._state = 1
            self._cond.notify_all()
        except:
            self._break()
            raise

    def _wait(self, timeout):
        if not self._cond.wait_for(lambda: self._state != 0, timeout):
            self._break()       # timed out
            raise BrokenBarrierError
        if self._state < 0:
            raise BrokenBarrierError
        assert self._state == 1

    def _exit(self):
        # The last thread to leave makes the barrier usable again.
        if self._count == 0:
            if self._state in (-1, 1):
                self._state = 0
                self._cond.notify_all()

    def reset(self):
        """Return the barrier to its initial state; current waiters get BrokenBarrierError."""
        with self._cond:
            if self._count > 0:
                if self._state == 0:
                    self._state = -1
                elif self._state == -2:
                    self._state = -1
            else:
                self._state = 0
            self._cond.notify_all()

    def abort(self):
        """Break the barrier: current and future waiters get BrokenBarrierError."""
        with self._cond:
            self._break()

    def _break(self):
        self._state = -2
        self._cond.notify_all()

    @property
    def parties(self):
        """The number of threads needed to trip the barrier."""
        return self._parties

    @property
    def n_waiting(self):
        """The number of threads currently waiting."""
        if self._state == 0:
            return self._count
        return 0

    @property
    def broken(self):
        """True if the barrier is broken."""
        return self._state == -2


class BrokenBarrierError(RuntimeError):
    pass


# ---------------------------------------------------------------------------
# The registry of running threads

_counter = _count(1).__next__       # numbers the default names Thread-1, Thread-2, ...


def _newname(name_template):
    return name_template % _counter()


# _active maps the ident of every running thread to its Thread object;
# _limbo holds threads between start() and the moment the new thread has
# registered itself in _active.  Both are guarded by _active_limbo_lock.
_active_limbo_lock = _allocate_lock()
_active = {}
_limbo = {}


class Thread:
    """A thread of control.

    Give the constructor a `target` callable, or subclass Thread and override
    run().  start() runs run() on a new OS thread; join() waits for it.

    How a thread is followed through its life: start() allocates a plain lock,
    `_tstate_lock`, and acquires it on the new thread's behalf.  The new
    thread releases it as the very last thing it does.  So "is the thread
    still running?" is "is that lock still locked?", and join() is "acquire
    that lock (then give it back)".
    """

    # Lets the methods tell whether a subclass forgot to call Thread.__init__.
    _initialized = False
    # The initial state of every thread.  As class attributes they cost
    # nothing per Thread object; assigning self._started etc. later creates
    # the instance's own attribute, which hides the class's.
    _ident = None
    _native_id = None
    _tstate_lock = None         # locked while the thread runs
    _started = False            # set by the new thread when it begins
    _is_stopped = False         # set once someone saw it finish

    def __init__(self, group=None, target=None, name=None,
                 args=(), kwargs=None, *, daemon=None):
        """Arguments should be passed by keyword:

        group is reserved (must be None); target is called by run() with
        *args and **kwargs; name defaults to "Thread-N" (plus " (target)");
        daemon defaults to the creating thread's daemon flag.
        """
        assert group is None, "group argument must be None for now"
        if kwargs is None:
            kwargs = {}
        if name:
            name = str(name)
        else:
            name = f"Thread-{_counter()}"
            if target is not None:
                try:
                    name += f" ({target.__name__})"
                except AttributeError:
                    pass
        self._target = target
        self._name = name
        self._args = args
        self._kwargs = kwargs
        if daemon is None:
            daemon = current_thread()._daemonic
        self._daemonic = daemon
        self._initialized = True

    def __getstate__(self):
        # CPython's Thread holds locks from __init__ on, so sending one to another
        # process fails with this message; ours makes its locks at start(), so it
        # refuses explicitly rather than send a thread that could never run there.
        raise TypeError("cannot pickle '_thread.lock' object")

    def __repr__(self):
        assert self._initialized, "Thread.__init__() was not called"
        status = "initial"
        if self._started:
            status = "started"
        self.is_alive()     # an easy way to set _is_stopped if it has finished
        if self._is_stopped:
            status = "stopped"
        if self._daemonic:
            status += " daemon"
        if self._ident is not None:
            status += " %s" % self._ident
        return "<%s(%s, %s)>" % (self.__class__.__name__, self._name, status)

    def start(self):
        """Start running run() in a new thread; at most once per Thread object.

        Returns once the new thread is running and registered (so that
        ident, is_alive() and enumerate() already know about it).
        """
        if not self._initialized:
            raise RuntimeError("thread.__init__() not called")
        if self._started:
            raise RuntimeError("threads can only be started once")
        # Two one-shot signals, both plain locks acquired here and released
        # by the new thread: `started` when it has registered itself (we wait
        # for that below), `_tstate_lock` when it has finished (join waits).
        started = _allocate_lock()
        started.acquire()
        self._tstate_lock = _allocate_lock()
        self._tstate_lock.acquire()
        with _active_limbo_lock:
            _limbo[self] = self
        try:
            _start_new_thread(self._bootstrap_inner, (started,))
        except Exception:
            with _active_limbo_lock:
                del _limbo[self]
            self._tstate_lock = None
            raise
        started.acquire()       # blocks (releasing the GIL) until the thread runs

    def run(self):
        """The thread's activity: call the target.  Override in subclasses."""
        try:
            if self._target is not None:
                self._target(*self._args, **self._kwargs)
        finally:
            # Drop the references now: the target's arguments could otherwise
            # live as long as the Thread object.
            del self._target, self._args, self._kwargs

    def _bootstrap_inner(self, started):
        # This is what the new OS thread runs.  (The name is CPython's, so
        # that tracebacks of exceptions in threads look the same.)
        try:
            self._ident = get_ident()
            self._native_id = get_native_id()
            if _set_name is not None:
                _set_name(self._name)
            self._started = True
            with _active_limbo_lock:
                _active[self._ident] = self
                del _limbo[self]
            started.release()       # start() may return now
            try:
                self.run()
            except BaseException as exc:
                _invoke_excepthook(self, exc)
        finally:
            with _active_limbo_lock:
                del _active[self._ident]
            # Last of all: wake up whoever is in join().
            self._tstate_lock.release()

    def _wait_for_tstate_lock(self, block=True, timeout=-1):
        # Acquiring the lock succeeds only once the thread has released it,
        # i.e. finished; we then give it back at once (others may be joining
        # too) and remember that the thread is stopped.
        lock = self._tstate_lock
        if lock is None:
            return              # already known to be stopped
        if lock.acquire(block, timeout):
            lock.release()
            self._stop()

    def _stop(self):
        self._is_stopped = True
        self._tstate_lock = None

    def join(self, timeout=None):
        """Wait until the thread finishes, or until timeout seconds have passed.

        join() always returns None: call is_alive() afterwards to know whether
        it timed out.
        """
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if not self._started:
            raise RuntimeError("cannot join thread before it is started")
        if self._ident == get_ident():
            raise RuntimeError("cannot join current thread")
        if timeout is None:
            self._wait_for_tstate_lock()
        else:
            self._wait_for_tstate_lock(timeout=max(timeout, 0))

    def is_alive(self):
        """Return True from just before run() starts until just after it ends."""
        assert self._initialized, "Thread.__init__() not called"
        if self._is_stopped or not self._started:
            return False
        self._wait_for_tstate_lock(False)
        return not self._is_stopped

    @property
    def name(self):
        """The thread's name (for identification only; need not be unique)."""
        assert self._initialized, "Thread.__init__() not called"
        return self._name

    @name.setter
    def name(self, name):
        assert self._initialized, "Thread.__init__() not called"
        self._name = str(name)
        if _set_name is not None and self._ident is not None:
            _set_name(self._name, self._ident)   # a started thread: tell the VM

    @property
    def ident(self):
        """The thread identifier (see get_ident()), or None before start()."""
        assert self._initialized, "Thread.__init__() not called"
        return self._ident

    @property
    def native_id(self):
        """The OS's id for this thread, or None before start()."""
        assert self._initialized, "Thread.__init__() not called"
        return self._native_id

    @property
    def daemon(self):
        """Whether this is a daemon thread.

        The program exits when only daemon threads are left: at exit,
        non-daemon threads are joined, daemon threads are simply abandoned.
        """
        assert self._initialized, "Thread.__init__() not called"
        return self._daemonic

    @daemon.setter
    def daemon(self, daemonic):
        if not self._initialized:
            raise RuntimeError("Thread.__init__() not called")
        if self._started:
            raise RuntimeError("cannot set daemon status of active thread")
        self._daemonic = daemonic


# ---------------------------------------------------------------------------
# Uncaught exceptions in threads

_ExceptHookArgs = _namedtuple(
    'ExceptHookArgs', 'exc_type exc_value exc_traceback thread')


def ExceptHookArgs(args):
    """Build the argument of excepthook from [exc_type, exc_value, exc_traceback, thread]."""
    return _ExceptHookArgs(*args)


def excepthook(args, /):
    """Handle an exception that escaped Thread.run().

    Prints "Exception in thread NAME:" and the traceback to stderr.  A
    SystemExit is silently ignored: it ends only its own thread.  Assign
    another function to threading.excepthook to change this.
    """
    if args.exc_type == SystemExit:
        return
    if args.thread is not None:
        name = args.thread.name
    else:
        name = get_ident()
    print(f"Exception in thread {name}:", file=_sys.stderr, flush=True)
    _print_exception(args.exc_value)
    _sys.stderr.flush()


__excepthook__ = excepthook     # the original, even if excepthook is replaced


def _invoke_excepthook(thread, exc):
    # Look up the *global* excepthook at call time, so that a program can
    # install its own hook after the thread was started.
    hook = excepthook
    if hook is None:
        hook = __excepthook__
    try:
        hook(ExceptHookArgs([type(exc), exc, exc.__traceback__, thread]))
    except Exception as hook_exc:
        hook_exc.__suppress_context__ = True
        print("Exception in threading.excepthook:", file=_sys.stderr, flush=True)
        _print_exception(hook_exc)


# ---------------------------------------------------------------------------
# Timer, the main thread, foreign threads

class Timer(Thread):
    """Call a function after a number of seconds, unless cancelled first.

        t = Timer(30.0, f, args=None, kwargs=None)
        t.start()
        t.cancel()     # stop the timer's action if it's still waiting
    """

    def __init__(self, interval, function, args=None, kwargs=None):
        Thread.__init__(self)
        self.interval = interval
        self.function = function
        self.args = args if args is not None else []
        self.kwargs = kwargs if kwargs is not None else {}
        self.finished = Event()

    def cancel(self):
        """Stop the timer if it hasn't fired yet."""
        self.finished.set()

    def run(self):
        # Waiting on an Event with a timeout is an interruptible sleep.
        self.finished.wait(self.interval)
        if not self.finished.is_set():
            self.function(*self.args, **self.kwargs)
        self.finished.set()


class _MainThread(Thread):
    """The Thread object of the thread the interpreter started in.

    Its _tstate_lock is released by _shutdown() when the program's main code
    is finished, so other threads can join() the main thread.
    """

    def __init__(self):
        Thread.__init__(self, name="MainThread", daemon=False)
        self._tstate_lock = _allocate_lock()
        self._tstate_lock.acquire()
        self._started = True
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self


class _DummyThread(Thread):
    """Stands for a thread not started by this module (e.g. by _thread).

    It is created by current_thread() and can never be joined.
    """

    def __init__(self):
        Thread.__init__(self, name=_newname("Dummy-%d"), daemon=True)
        self._started = True
        self._ident = get_ident()
        self._native_id = get_native_id()
        with _active_limbo_lock:
            _active[self._ident] = self

    def is_alive(self):
        return True

    def join(self, timeout=None):
        assert False, "cannot join a dummy thread"


def current_thread():
    """Return the Thread object of the calling thread."""
    try:
        return _active[get_ident()]
    except KeyError:
        return _DummyThread()


def main_thread():
    """Return the Thread object of the main thread."""
    return _main_thread


def active_count():
    """Return the number of running Thread objects (len(enumerate()))."""
    with _active_limbo_lock:
        return len(_active) + len(_limbo)


def enumerate():
    """Return a list of all running Thread objects (including the main thread)."""
    with _active_limbo_lock:
        return list(_active.values()) + list(_limbo.values())


# ---------------------------------------------------------------------------
# Interpreter exit

_threading_atexits = []
_SHUTTING_DOWN = False


def _register_atexit(func, *arg, **kwargs):
    """Register func(*arg, **kwargs) to run at exit *before* threads are joined.

    concurrent.futures uses this to tell its worker threads to stop:
    otherwise _shutdown() would wait for them forever.  Called in reverse
    order of registration, like atexit.
    """
    if _SHUTTING_DOWN:
        raise RuntimeError("can't register atexit after shutdown")
    _threading_atexits.append((func, arg, kwargs))


def _shutdown():
    """Wait for every non-daemon thread to finish.

    The interpreter calls this when the main program is done (if threading
    was imported).  Daemon threads are not waited for.
    """
    global _SHUTTING_DOWN
    if _main_thread._is_stopped:
        return
    _SHUTTING_DOWN = True
    for func, arg, kwargs in reversed(_threading_atexits):
        func(*arg, **kwargs)
    if _main_thread.ident == get_ident():
        # The main thread is finished: wake up anyone who joined it.
        _main_thread._tstate_lock.release()
        _main_thread._stop()
    me = get_ident()
    # Joining a thread may let it start new threads: repeat until none is left.
    while True:
        with _active_limbo_lock:
            threads = [t for t in _active.values()
                       if not t._daemonic and t._ident != me]
        if not threads:
            break
        for t in threads:
            t._wait_for_tstate_lock()


_main_thread = _MainThread()
