"""Run calls asynchronously and collect their results through Futures.

    with ThreadPoolExecutor(max_workers=4) as executor:
        future = executor.submit(pow, 2, 10)     # returns at once
        print(future.result())                   # waits: 1024
        print(list(executor.map(abs, [-1, -2]))) # [1, 2]

An *executor* owns some workers (here: threads) and a queue of work.
submit() puts a work item on the queue and returns a *Future*: a placeholder
for the result, which a worker fills in later.  Whoever needs the result calls
future.result(), which waits until it is there -- or re-raises the exception
the call raised.  wait() and as_completed() wait for several futures at once.

This is gilded's version of CPython's Lib/concurrent/futures/ (the modules
_base.py and thread.py in one file), with the same API and behaviour.
"""

import itertools
import os
import queue
import sys
import threading
import time
from collections import namedtuple

__all__ = (
    'FIRST_COMPLETED',
    'FIRST_EXCEPTION',
    'ALL_COMPLETED',
    'CancelledError',
    'TimeoutError',
    'InvalidStateError',
    'BrokenExecutor',
    'Future',
    'Executor',
    'wait',
    'as_completed',
    'ThreadPoolExecutor',
)

FIRST_COMPLETED = 'FIRST_COMPLETED'
FIRST_EXCEPTION = 'FIRST_EXCEPTION'
ALL_COMPLETED = 'ALL_COMPLETED'
_AS_COMPLETED = '_AS_COMPLETED'

# The life of a Future:
#   PENDING -> RUNNING -> FINISHED                (normal)
#   PENDING -> CANCELLED -> CANCELLED_AND_NOTIFIED (cancel() before it ran)
# A running future cannot be cancelled.
PENDING = 'PENDING'
RUNNING = 'RUNNING'
CANCELLED = 'CANCELLED'
CANCELLED_AND_NOTIFIED = 'CANCELLED_AND_NOTIFIED'
FINISHED = 'FINISHED'

_STATE_TO_DESCRIPTION_MAP = {
    PENDING: "pending",
    RUNNING: "running",
    CANCELLED: "cancelled",
    CANCELLED_AND_NOTIFIED: "cancelled",
    FINISHED: "finished"
}


def _log_exception(message, exc):
    # CPython reports these errors through the logging module, whose default
    # output is the message followed by the traceback; gilded has no logging
    # module, so print the same thing directly.
    print(message, file=sys.stderr, flush=True)
    if exc is not None:
        threading._print_exception(exc)


# Exceptions.  CPython defines them in concurrent.futures._base; setting
# __module__ makes tracebacks name them exactly as CPython does.

class Error(Exception):
    """Base class for all future-related exceptions."""
    __module__ = "concurrent.futures._base"


class CancelledError(Error):
    """The Future was cancelled."""
    __module__ = "concurrent.futures._base"


TimeoutError = TimeoutError     # since 3.11, the built-in TimeoutError


class InvalidStateError(Error):
    """The operation is not allowed in this state."""
    __module__ = "concurrent.futures._base"


class BrokenExecutor(RuntimeError):
    """Raised when an executor has become non-functional after a severe failure."""
    __module__ = "concurrent.futures._base"


# ---------------------------------------------------------------------------
# Waiting for several futures: wait() and as_completed()
#
# A waiter is an Event plus a list.  wait()/as_completed() put the same waiter
# on every future they watch; each future, as it completes, reports itself to
# its waiters, and the waiter decides when to set its event.

class _Waiter:
    """Provides the event that wait() and as_completed() block on."""

    def __init__(self):
        self.event = threading.Event()
        self.finished_futures = []

    def add_result(self, future):
        self.finished_futures.append(future)

    def add_exception(self, future):
        self.finished_futures.append(future)

    def add_cancelled(self, future):
        self.finished_futures.append(future)


class _AsCompletedWaiter(_Waiter):
    """Used by as_completed(): wakes up at every completed future."""

    def __init__(self):
        super().__init__()
        self.lock = threading.Lock()

    def add_result(self, future):
        with self.lock:
            super().add_result(future)
            self.event.set()

    def add_exception(self, future):
        with self.lock:
            super().add_exception(future)
            self.event.set()

    def add_cancelled(self, future):
        with self.lock:
            super().add_cancelled(future)
            self.event.set()


class _FirstCompletedWaiter(_Waiter):
    """Used by wait(return_when=FIRST_COMPLETED)."""

    def add_result(self, future):
        super().add_result(future)
        self.event.set()

    def add_exception(self, future):
        super().add_exception(future)
        self.event.set()

    def add_cancelled(self, future):
        super().add_cancelled(future)
        self.event.set()


class _AllCompletedWaiter(_Waiter):
    """Used by wait(return_when=FIRST_EXCEPTION and ALL_COMPLETED).

    Counts down the futures still pending; wakes up at 0 (or at the first
    exception if stop_on_exception).
    """

    def __init__(self, num_pending_calls, stop_on_exception):
        self.num_pending_calls = num_pending_calls
        self.stop_on_exception = stop_on_exception
        self.lock = threading.Lock()
        super().__init__()

    def _decrement_pending_calls(self):
        with self.lock:
            self.num_pending_calls -= 1
            if not self.num_pending_calls:
                self.event.set()

    def add_result(self, future):
        super().add_result(future)
        self._decrement_pending_calls()

    def add_exception(self, future):
        super().add_exception(future)
        if self.stop_on_exception:
            self.event.set()
        else:
            self._decrement_pending_calls()

    def add_cancelled(self, future):
        super().add_cancelled(future)
        self._decrement_pending_calls()


class _AcquireFutures:
    """A context manager that acquires the conditions of several futures.

    They are always taken in the same order (by id), so that two threads
    doing this on overlapping sets of futures cannot deadlock each other.
    """

    def __init__(self, futures):
        self.futures = sorted(futures, key=id)

    def __enter__(self):
        for future in self.futures:
            future._condition.acquire()

    def __exit__(self, *args):
        for future in self.futures:
            future._condition.release()


def _create_and_install_waiters(fs, return_when):
    if return_when == _AS_COMPLETED:
        waiter = _AsCompletedWaiter()
    elif return_when == FIRST_COMPLETED:
        waiter = _FirstCompletedWaiter()
    else:
        pending_count = sum(
            f._state not in [CANCELLED_AND_NOTIFIED, FINISHED] for f in fs)
        if return_when == FIRST_EXCEPTION:
            waiter = _AllCompletedWaiter(pending_count, stop_on_exception=True)
        elif return_when == ALL_COMPLETED:
            waiter = _AllCompletedWaiter(pending_count, stop_on_exception=False)
        else:
            raise ValueError("Invalid return condition: %r" % return_when)
    for f in fs:
        f._waiters.append(waiter)
    return waiter


def _yield_finished_futures(fs, waiter, ref_collect):
    """Yield the futures of the list fs from the end, removing each first.

    Before a future is yielded, the waiter is taken off it and it is removed
    from the sets in ref_collect: this generator then holds no reference to
    futures already handed out.
    """
    while fs:
        f = fs[-1]
        for futures_set in ref_collect:
            futures_set.remove(f)
        with f._condition:
            f._waiters.remove(waiter)
        del f
        yield fs.pop()


def as_completed(fs, timeout=None):
    """Iterate over the futures fs, yielding each one as it completes.

    Futures already completed come first.  Duplicates are yielded once.
    Raises TimeoutError if not all of them complete within timeout seconds
    (counted from the call to as_completed()).
    """
    if timeout is not None:
        end_time = timeout + time.monotonic()

    fs = set(fs)
    total_futures = len(fs)
    with _AcquireFutures(fs):
        finished = set(
            f for f in fs
            if f._state in [CANCELLED_AND_NOTIFIED, FINISHED])
        pending = fs - finished
        waiter = _create_and_install_waiters(fs, _AS_COMPLETED)
    finished = list(finished)
    try:
        yield from _yield_finished_futures(finished, waiter, ref_collect=(fs,))

        while pending:
            if timeout is None:
                wait_timeout = None
            else:
                wait_timeout = end_time - time.monotonic()
                if wait_timeout < 0:
                    raise TimeoutError(
                        '%d (of %d) futures unfinished' % (
                            len(pending), total_futures))

            waiter.event.wait(wait_timeout)

            with waiter.lock:
                finished = waiter.finished_futures
                waiter.finished_futures = []
                waiter.event.clear()

            # reverse to keep finishing order
            finished.reverse()
            yield from _yield_finished_futures(finished, waiter,
                                               ref_collect=(fs, pending))
    finally:
        # Take our waiter off the futures not handed out yet.
        for f in fs:
            with f._condition:
                f._waiters.remove(waiter)


DoneAndNotDoneFutures = namedtuple('DoneAndNotDoneFutures', 'done not_done')


def wait(fs, timeout=None, return_when=ALL_COMPLETED):
    """Wait for the futures fs to complete.

    return_when is FIRST_COMPLETED, FIRST_EXCEPTION (like ALL_COMPLETED if
    none raises) or ALL_COMPLETED.  Returns a named 2-tuple of sets,
    (done, not_done); if the timeout expires first, not_done is not empty.
    """
    fs = set(fs)
    with _AcquireFutures(fs):
        done = {f for f in fs
                if f._state in [CANCELLED_AND_NOTIFIED, FINISHED]}
        not_done = fs - done
        if (return_when == FIRST_COMPLETED) and done:
            return DoneAndNotDoneFutures(done, not_done)
        elif (return_when == FIRST_EXCEPTION) and done:
            if any(f for f in done
                   if not f.cancelled() and f.exception() is not None):
                return DoneAndNotDoneFutures(done, not_done)

        if len(done) == len(fs):
            return DoneAndNotDoneFutures(done, not_done)

        waiter = _create_and_install_waiters(fs, return_when)

    waiter.event.wait(timeout)
    for f in fs:
        with f._condition:
            f._waiters.remove(waiter)

    done.update(waiter.finished_futures)
    return DoneAndNotDoneFutures(done, fs - done)


def _result_or_cancel(fut, timeout=None):
    try:
        try:
            return fut.result(timeout)
        finally:
            fut.cancel()
    finally:
        # Break a reference cycle with the exception in self._exception
        del fut


# ---------------------------------------------------------------------------
# Future

class Future:
    """The result of a call that runs (or will run) somewhere else.

    All state is protected by self._condition; the threads in result() and
    exception() wait on it, and set_result()/set_exception()/cancel() notify
    it.
    """

    def __init__(self):
        """Initializes the future. Should not be called by clients."""
        self._condition = threading.Condition()
        self._state = PENDING
        self._result = None
        self._exception = None
        self._waiters = []
        self._done_callbacks = []

    def _invoke_callbacks(self):
        for callback in self._done_callbacks:
            try:
                callback(self)
            except Exception as exc:
                _log_exception('exception calling callback for %r' % (self,), exc)

    def __repr__(self):
        with self._condition:
            if self._state == FINISHED:
                if self._exception:
                    return '<%s at %#x state=%s raised %s>' % (
                        self.__class__.__name__,
                        id(self),
                        _STATE_TO_DESCRIPTION_MAP[self._state],
                        self._exception.__class__.__name__)
                else:
                    return '<%s at %#x state=%s returned %s>' % (
                        self.__class__.__name__,
                        id(self),
                        _STATE_TO_DESCRIPTION_MAP[self._state],
                        self._result.__class__.__name__)
            return '<%s at %#x state=%s>' % (
                self.__class__.__name__,
                id(self),
                _STATE_TO_DESCRIPTION_MAP[self._state])

    def cancel(self):
        """Cancel the future if possible.

        Returns True if the future was cancelled, False otherwise.  A future
        cannot be cancelled once it is running or has completed.
        """
        with self._condition:
            if self._state in [RUNNING, FINISHED]:
                return False

            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                return True

            self._state = CANCELLED
            self._condition.notify_all()

        self._invoke_callbacks()
        return True

    def cancelled(self):
        """Return True if the future was cancelled."""
        with self._condition:
            return self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]

    def running(self):
        """Return True if the future is currently executing."""
        with self._condition:
            return self._state == RUNNING

    def done(self):
        """Return True if the future was cancelled or finished executing."""
        with self._condition:
            return self._state in [CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]

    def __get_result(self):
        if self._exception:
            try:
                raise self._exception
            finally:
                # The traceback refers to this frame, this frame to self, self
                # to the exception, and the exception to the traceback: drop
                # self to break that cycle (gilded, like CPython, frees memory
                # by reference counting; gilded never collects cycles).
                self = None
        else:
            return self._result

    def add_done_callback(self, fn):
        """Call fn(future) when the future completes or is cancelled.

        If it is already done, fn is called at once, in this thread.
        Callbacks run in the order they were added.
        """
        with self._condition:
            if self._state not in [CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED]:
                self._done_callbacks.append(fn)
                return
        try:
            fn(self)
        except Exception as exc:
            _log_exception('exception calling callback for %r' % (self,), exc)

    def result(self, timeout=None):
        """Return the call's result, waiting up to timeout seconds (None: forever).

        Raises CancelledError if the future was cancelled, TimeoutError if it
        did not finish in time, and the call's own exception if it raised.
        """
        try:
            with self._condition:
                if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                    raise CancelledError()
                elif self._state == FINISHED:
                    return self.__get_result()

                self._condition.wait(timeout)

                if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                    raise CancelledError()
                elif self._state == FINISHED:
                    return self.__get_result()
                else:
                    raise TimeoutError()
        finally:
            # Break a reference cycle with the exception in self._exception
            self = None

    def exception(self, timeout=None):
        """Return the exception the call raised (None if it returned normally).

        Waits like result(), and raises CancelledError/TimeoutError like it.
        """
        with self._condition:
            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            elif self._state == FINISHED:
                return self._exception

            self._condition.wait(timeout)

            if self._state in [CANCELLED, CANCELLED_AND_NOTIFIED]:
                raise CancelledError()
            elif self._state == FINISHED:
                return self._exception
            else:
                raise TimeoutError()

    # The methods below are for executors (and tests), not for clients.

    def set_running_or_notify_cancel(self):
        """Mark the future as running, unless it was cancelled.

        An executor calls this just before running the call: if it returns
        False the future was cancelled (waiters are told now) and the call
        must not run.
        """
        with self._condition:
            if self._state == CANCELLED:
                self._state = CANCELLED_AND_NOTIFIED
                for waiter in self._waiters:
                    waiter.add_cancelled(self)
                # self._condition.notify_all() is not necessary because
                # self.cancel() triggers a notification.
                return False
            elif self._state == PENDING:
                self._state = RUNNING
                return True
            else:
                _log_exception('Future %s in unexpected state: %s'
                               % (id(self), self._state), None)
                raise RuntimeError('Future in unexpected state')

    def set_result(self, result):
        """Set the result of the call and wake up everyone waiting for it."""
        with self._condition:
            if self._state in {CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED}:
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._result = result
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_result(self)
            self._condition.notify_all()
        self._invoke_callbacks()

    def set_exception(self, exception):
        """Set the exception the call raised and wake up everyone waiting."""
        with self._condition:
            if self._state in {CANCELLED, CANCELLED_AND_NOTIFIED, FINISHED}:
                raise InvalidStateError('{}: {!r}'.format(self._state, self))
            self._exception = exception
            self._state = FINISHED
            for waiter in self._waiters:
                waiter.add_exception(self)
            self._condition.notify_all()
        self._invoke_callbacks()


# ---------------------------------------------------------------------------
# Executor: the common interface of all executors

class Executor:
    """The interface shared by ThreadPoolExecutor (and, later, ProcessPoolExecutor)."""

    def submit(self, fn, /, *args, **kwargs):
        """Schedule fn(*args, **kwargs) and return a Future for its result."""
        raise NotImplementedError()

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        """Like map(fn, *iterables), but the calls run concurrently.

        All the calls are submitted at once; the results are yielded in the
        order of the arguments.  If a call raised, its exception is raised
        when its result is reached.  TimeoutError if the whole iteration
        takes longer than timeout seconds from the call to map().
        (chunksize only matters for process pools.)
        """
        if timeout is not None:
            end_time = timeout + time.monotonic()

        fs = [self.submit(fn, *args) for args in zip(*iterables)]

        # Yield must be hidden in closure so that the futures are submitted
        # before the first iterator value is required.
        def result_iterator():
            try:
                # reverse to keep finishing order
                fs.reverse()
                while fs:
                    # Careful not to keep a reference to the popped future
                    if timeout is None:
                        yield _result_or_cancel(fs.pop())
                    else:
                        yield _result_or_cancel(fs.pop(), end_time - time.monotonic())
            finally:
                # If the caller stops early (or a call raised), cancel the rest.
                for future in fs:
                    future.cancel()
        return result_iterator()

    def shutdown(self, wait=True, *, cancel_futures=False):
        """Release the executor's resources; no submit() is allowed afterwards.

        wait=True waits until all pending calls are done; cancel_futures=True
        cancels the calls that have not started yet.  Safe to call twice.
        """
        pass

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.shutdown(wait=True)
        return False


# ---------------------------------------------------------------------------
# ThreadPoolExecutor
#
# Work items go through one SimpleQueue to worker threads, started lazily (one
# per submit() until max_workers, unless a worker is idle).  A None on the
# queue means "stop": each worker that takes it puts it back for the next one.

# Every worker thread and its queue, so that the program's exit can stop them.
# (CPython uses a WeakKeyDictionary; gilded has no weakref, so a worker removes
# its own entry when it ends.)
_threads_queues = {}
_shutdown = False
# Taken by submit() and by _python_exit(), so that no new work can slip in
# while the interpreter is shutting down.
_global_shutdown_lock = threading.Lock()


def _python_exit():
    # Run by threading._shutdown() before it joins the non-daemon threads:
    # without this, idle workers would wait for work forever and the program
    # could never exit.
    global _shutdown
    with _global_shutdown_lock:
        _shutdown = True
        items = list(_threads_queues.items())
    for t, q in items:
        q.put(None)
    for t, q in items:
        t.join()


threading._register_atexit(_python_exit)


class _WorkItem:
    def __init__(self, future, fn, args, kwargs):
        self.future = future
        self.fn = fn
        self.args = args
        self.kwargs = kwargs

    def run(self):
        if not self.future.set_running_or_notify_cancel():
            return      # cancelled before it got to run

        try:
            result = self.fn(*self.args, **self.kwargs)
        except BaseException as exc:
            self.future.set_exception(exc)
            # Break a reference cycle with the exception 'exc'
            self = None
        else:
            self.future.set_result(result)


def _worker(executor, work_queue, initializer, initargs):
    # The body of every worker thread.
    #
    # CPython passes a *weak* reference to the executor, so that the workers
    # of an executor the program forgot about can notice and stop early.
    # gilded has no weak references: the workers keep their executor alive,
    # and such forgotten workers are stopped at exit by _python_exit().
    try:
        if initializer is not None:
            try:
                initializer(*initargs)
            except BaseException as exc:
                _log_exception('Exception in initializer:', exc)
                executor._initializer_failed()
                return
        while True:
            work_item = work_queue.get(block=True)
            if work_item is not None:
                work_item.run()
                # Delete references to object. See issue16284
                del work_item
                # We are idle again: the next submit() need not start a thread.
                executor._idle_semaphore.release()
                continue

            # None: stop if the executor or the interpreter is shutting down,
            # after passing the None on to the next worker.
            if _shutdown or executor._shutdown:
                executor._shutdown = True
                work_queue.put(None)
                return
    except BaseException as exc:
        _log_exception('Exception in worker', exc)
    finally:
        with _global_shutdown_lock:
            _threads_queues.pop(threading.current_thread(), None)


def _queued_work_items(work_queue):
    """Takes the work items still waiting in a pool's work queue, one at a
    time, skipping the wake-ups (None) sent to the workers."""
    while True:
        try:
            work_item = work_queue.get_nowait()
        except queue.Empty:
            return
        if work_item is not None:
            yield work_item


def _queue_call(executor, shut_down, broken_error, fn, args, kwargs):
    """What submit() does in ThreadPoolExecutor and ProcessPoolExecutor alike,
    the caller holding the pool's shutdown lock: refuse the call when the pool
    is broken or shut down, else queue it and return its Future."""
    if executor._broken:
        raise broken_error(executor._broken)

    if shut_down:
        raise RuntimeError('cannot schedule new futures after shutdown')
    if _shutdown:
        raise RuntimeError('cannot schedule new futures after '
                           'interpreter shutdown')

    f = Future()
    w = _WorkItem(f, fn, args, kwargs)

    executor._work_queue.put(w)
    return f


def _close_work_queue(work_queue, cancel_futures):
    """What shutdown() does to the work queue, in ThreadPoolExecutor and
    ProcessPoolExecutor alike; the caller holds the pool's shutdown lock."""
    if cancel_futures:
        # Drain all work items from the queue, and then cancel their
        # associated futures.
        for work_item in _queued_work_items(work_queue):
            work_item.future.cancel()

    # Send a wake-up to prevent threads calling
    # _work_queue.get(block=True) from permanently blocking.
    work_queue.put(None)


class BrokenThreadPool(BrokenExecutor):
    """Raised when a worker thread in a ThreadPoolExecutor failed initializing."""
    __module__ = "concurrent.futures.thread"


class ThreadPoolExecutor(Executor):
    """An executor whose workers are threads of this process.

    Threads share the GIL, so this speeds up work that waits (I/O, sleep,
    blocking calls), not pure-Python computation.
    """

    # Used to assign unique thread names when thread_name_prefix is not supplied.
    _counter = itertools.count().__next__

    def __init__(self, max_workers=None, thread_name_prefix='',
                 initializer=None, initargs=()):
        """max_workers defaults to min(32, cpu_count + 4); worker threads are
        named "<prefix>_0", "<prefix>_1", ...; initializer(*initargs) runs at
        the start of every worker thread.
        """
        if max_workers is None:
            # At least 5 workers for I/O-bound work, at most 32 so big
            # machines do not start hundreds of threads.
            max_workers = min(32, (os.cpu_count() or 1) + 4)
        if max_workers <= 0:
            raise ValueError("max_workers must be greater than 0")

        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")

        self._max_workers = max_workers
        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = set()
        self._broken = False
        self._shutdown = False
        self._shutdown_lock = threading.Lock()
        self._thread_name_prefix = (thread_name_prefix or
                                    ("ThreadPoolExecutor-%d" % self._counter()))
        self._initializer = initializer
        self._initargs = initargs

    def submit(self, fn, /, *args, **kwargs):
        """Schedule fn(*args, **kwargs) and return a Future for its result."""
        with self._shutdown_lock, _global_shutdown_lock:
            f = _queue_call(self, self._shutdown, BrokenThreadPool,
                            fn, args, kwargs)
            self._adjust_thread_count()
            return f

    def _adjust_thread_count(self):
        # If a worker is idle, it will take the new item: no new thread.
        if self._idle_semaphore.acquire(timeout=0):
            return

        num_threads = len(self._threads)
        if num_threads < self._max_workers:
            thread_name = '%s_%d' % (self._thread_name_prefix or self,
                                     num_threads)
            t = threading.Thread(name=thread_name, target=_worker,
                                 args=(self,
                                       self._work_queue,
                                       self._initializer,
                                       self._initargs))
            t.start()
            self._threads.add(t)
            _threads_queues[t] = self._work_queue

    def _initializer_failed(self):
        with self._shutdown_lock:
            self._broken = ('A thread initializer failed, the thread pool '
                            'is not usable anymore')
            # Drain work queue and mark pending futures failed
            for work_item in _queued_work_items(self._work_queue):
                work_item.future.set_exception(BrokenThreadPool(self._broken))

    def shutdown(self, wait=True, *, cancel_futures=False):
        """Stop accepting work; with wait=True, wait for the workers to finish."""
        with self._shutdown_lock:
            self._shutdown = True
            _close_work_queue(self._work_queue, cancel_futures)
        if wait:
            for t in self._threads:
                t.join()


# ---------------------------------------------------------------------------
# ProcessPoolExecutor
#
# The workers are processes (multiprocessing), so CPU-bound calls really run
# in parallel, each worker with its own GIL.  The design mirrors
# ThreadPoolExecutor's: work items go through one queue.SimpleQueue *in the
# parent*; for every worker process the parent runs one manager thread that
# takes the next item, sends (fn, args, kwargs) down the worker's pipe and
# waits (GIL released) for the answer, then completes the future.
#
# fn, its arguments and its result must be serializable: they are copied to
# and from the worker.  A worker that dies (killed, crashed) *breaks* the
# pool, as in CPython: every pending future raises BrokenProcessPool, and so
# does any later submit().

__all__ += ('ProcessPoolExecutor', 'BrokenProcessPool')


class _RemoteTraceback(Exception):
    """Carries the worker's traceback text: it becomes the __cause__ of the
    exception re-raised in the parent."""
    __module__ = "concurrent.futures.process"

    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


class BrokenProcessPool(BrokenExecutor):
    """
    Raised when a process in a ProcessPoolExecutor terminated abruptly
    while a future was in the running state.
    """
    __module__ = "concurrent.futures.process"


def _format_exception(exc):
    import multiprocessing.pool as pool
    return pool._format_exception(exc)


def _process_worker(conn, initializer, initargs, max_tasks=None):
    """What every worker process runs: receive (fn, args, kwargs), send back
    (True, result) or (False, (exception, traceback text)); stop at None."""
    if initializer is not None:
        try:
            initializer(*initargs)
        except BaseException as exc:
            _log_exception('Exception in initializer:', exc)
            # The parent will notice that this worker is gone and mark
            # the pool as broken.
            return
    num_tasks = 0
    while True:
        try:
            call_item = conn.recv()
        except (EOFError, OSError):
            return
        if call_item is None:
            return
        fn, args, kwargs = call_item
        try:
            r = (True, fn(*args, **kwargs))
        except BaseException as e:
            r = (False, (e, _format_exception(e)))
        import multiprocessing.context as mp_context
        try:
            data = mp_context._dumps(r)
        except BaseException as e:
            data = mp_context._dumps((False, (e, _format_exception(e))))
        conn.send_bytes(data)
        del call_item, fn, args, kwargs, r, data
        num_tasks += 1
        if max_tasks is not None and num_tasks >= max_tasks:
            return


def _process_chunk(fn, chunk):
    """Processes a chunk of an iterable passed to map: one message to the
    worker carries several calls."""
    return [fn(*args) for args in chunk]


def _get_chunks(*iterables, chunksize):
    """Iterates over zip()ed iterables in chunks."""
    it = zip(*iterables)
    while True:
        chunk = tuple(itertools.islice(it, chunksize))
        if not chunk:
            return
        yield chunk


def _chain_from_iterable_of_lists(iterable):
    """Specialized implementation of itertools.chain.from_iterable: each item
    in *iterable* should be a list, whose elements are yielded in order."""
    for element in iterable:
        element.reverse()
        while element:
            yield element.pop()


# Every executor with live workers, so that the program's exit can stop them
# (after they have finished the work already submitted, as in CPython).
_process_pool_executors = []
_process_exit_registered = False


def _python_exit_processes():
    for executor in list(_process_pool_executors):
        executor.shutdown(wait=True)


class ProcessPoolExecutor(Executor):
    """An executor whose workers are processes: real parallelism for
    CPU-bound calls."""

    def __init__(self, max_workers=None, mp_context=None,
                 initializer=None, initargs=(), *, max_tasks_per_child=None):
        """max_workers defaults to the number of CPUs; initializer(*initargs)
        runs at the start of every worker process; a worker is replaced after
        max_tasks_per_child calls (default: never)."""
        global _process_exit_registered
        if max_workers is None:
            self._max_workers = os.cpu_count() or 1
        else:
            if max_workers <= 0:
                raise ValueError("max_workers must be greater than 0")
            self._max_workers = max_workers

        if mp_context is None:
            import multiprocessing
            mp_context = multiprocessing.get_context()
        self._mp_context = mp_context

        if initializer is not None and not callable(initializer):
            raise TypeError("initializer must be a callable")
        self._initializer = initializer
        self._initargs = initargs

        if max_tasks_per_child is not None:
            if not isinstance(max_tasks_per_child, int):
                raise TypeError("max_tasks_per_child must be an integer")
            elif max_tasks_per_child <= 0:
                raise ValueError("max_tasks_per_child must be >= 1")
        self._max_tasks_per_child = max_tasks_per_child

        self._work_queue = queue.SimpleQueue()
        self._idle_semaphore = threading.Semaphore(0)
        self._threads = []
        self._processes = {}        # pid -> Process (CPython's attribute)
        self._live = []             # [process, conn] per manager thread
        self._broken = False
        self._shutdown_thread = False
        self._shutdown_lock = threading.Lock()

        if not _process_exit_registered:
            _process_exit_registered = True
            import multiprocessing.process as process
            threading._register_atexit(_python_exit_processes)
            process._register_exit_hook(_python_exit_processes)

    def submit(self, fn, /, *args, **kwargs):
        """Schedule fn(*args, **kwargs) in a worker process; return a Future."""
        with self._shutdown_lock:
            f = _queue_call(self, self._shutdown_thread, BrokenProcessPool,
                            fn, args, kwargs)
            self._adjust_process_count()
            return f

    def map(self, fn, *iterables, timeout=None, chunksize=1):
        """Like map(fn, *iterables), the calls running in the worker
        processes; chunksize calls travel together in one message."""
        if chunksize < 1:
            raise ValueError("chunksize must be >= 1.")

        results = super().map(_process_chunk, itertools.repeat(fn),
                              _get_chunks(*iterables, chunksize=chunksize),
                              timeout=timeout)
        return _chain_from_iterable_of_lists(results)

    def _adjust_process_count(self):
        # An idle worker will take the new item: no new process.
        if self._idle_semaphore.acquire(timeout=0):
            return
        if len(self._threads) < self._max_workers:
            slot = [None, None]
            self._spawn_process(slot)
            t = threading.Thread(target=self._manage_worker, args=(slot,),
                                 name='ProcessPoolManager-%d' % len(self._threads))
            self._threads.append(t)
            self._live.append(slot)
            if self not in _process_pool_executors:
                _process_pool_executors.append(self)
            t.start()

    def _spawn_process(self, slot):
        import multiprocessing.process as process
        import _gilded_mp
        with process._spawn_lock:
            conn, child_conn = _gilded_mp.pipe(True)
            p = self._mp_context.Process(
                target=_process_worker,
                args=(child_conn, self._initializer, self._initargs,
                      self._max_tasks_per_child))
            try:
                p.start()
            finally:
                child_conn.close()
        self._processes[p.pid] = p
        slot[0] = p
        slot[1] = conn

    def _manage_worker(self, slot):
        # The manager thread of one worker process (runs in the parent).
        tasks_done = 0
        try:
            while True:
                work_item = self._work_queue.get(block=True)
                if work_item is None:
                    # Stop; pass the None on to the next manager thread.
                    self._work_queue.put(None)
                    return
                if not work_item.future.set_running_or_notify_cancel():
                    self._idle_semaphore.release()
                    continue
                process, conn = slot
                import _gilded_mp
                import multiprocessing.context as mp_context
                try:
                    data = mp_context._dumps((work_item.fn, work_item.args,
                                              work_item.kwargs))
                except BaseException as e:
                    work_item.future.set_exception(e)
                    del work_item
                    self._idle_semaphore.release()
                    continue
                try:
                    conn.send_bytes(data)
                    data = conn.recv_bytes()
                except (EOFError, OSError):
                    self._pool_broken(work_item)
                    return
                try:
                    ok, value = _gilded_mp.loads(data)
                except Exception as e:
                    ok, value = False, (e, None)  # cannot be rebuilt here
                if ok:
                    work_item.future.set_result(value)
                else:
                    exc, tb = value
                    if tb is not None:
                        exc.__cause__ = _RemoteTraceback('\n"""\n%s"""' % tb)
                    work_item.future.set_exception(exc)
                del work_item, value, data
                tasks_done += 1
                if (self._max_tasks_per_child is not None
                        and tasks_done >= self._max_tasks_per_child):
                    # The worker exits by itself: start a fresh one.
                    process.join()
                    self._processes.pop(process.pid, None)
                    conn.close()
                    self._spawn_process(slot)
                    tasks_done = 0
                self._idle_semaphore.release()
        finally:
            process, conn = slot
            if process is not None:
                try:
                    conn.send(None)
                except (OSError, ValueError):
                    pass
                process.join()
                conn.close()

    def _pool_broken(self, work_item):
        # A worker died: the pool is broken, as in CPython.  Fail the call it
        # was running and every call not started yet, and stop the others.
        bpe = BrokenProcessPool("A process in the process pool was "
                                "terminated abruptly while the future was "
                                "running or pending.")
        with self._shutdown_lock:
            first = not self._broken
            self._broken = ('A child process terminated '
                            'abruptly, the process pool is not '
                            'usable anymore')
            self._shutdown_thread = True
        if not work_item.future.done():
            work_item.future.set_exception(bpe)
        if not first:
            return
        for item in _queued_work_items(self._work_queue):
            if not item.future.done():
                if item.future.set_running_or_notify_cancel():
                    item.future.set_exception(bpe)
        self._work_queue.put(None)
        for process, conn in list(self._live):
            if process is not None and process.exitcode is None:
                process.terminate()

    def shutdown(self, wait=True, *, cancel_futures=False):
        """Stop accepting work; with wait=True, wait until the submitted calls
        are done and the worker processes have exited."""
        with self._shutdown_lock:
            self._shutdown_thread = True
            _close_work_queue(self._work_queue, cancel_futures)
        if wait:
            me = threading.current_thread()
            for t in self._threads:
                if t is not me:
                    t.join()
            try:
                _process_pool_executors.remove(self)
            except ValueError:
                pass


# CPython's homes of the executors, concurrent.futures.process and
# concurrent.futures.thread, as submodules (they re-export from here).
import concurrent.futures.process as _process_module
import concurrent.futures.thread as _thread_module
del _process_module, _thread_module
