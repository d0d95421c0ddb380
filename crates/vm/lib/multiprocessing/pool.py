"""Pool: a fixed number of worker processes that run calls for you.

    with Pool(4) as pool:
        print(pool.map(square, range(10)))      # [0, 1, 4, ..., 81]
        r = pool.apply_async(pow, (2, 10))
        print(r.get(timeout=5))                  # 1024

How it works in gilded (simpler than CPython's three handler threads, and it
never hangs when a worker dies):

* every worker is a daemonic Process running ``worker()`` below, connected to
  the parent by its own duplex Pipe;
* for every worker the parent runs one *manager thread*.  It takes the next
  task from the pool's task queue (a queue.SimpleQueue in the parent), sends
  it down the pipe, and waits for the answer -- the wait releases the GIL, so
  the manager threads cost nothing while the workers compute;
* the answer goes to the result object (ApplyResult, MapResult, IMapIterator)
  that the task belongs to; get() on that object waits for it;
* if the worker dies (killed, crashed), the manager thread sees the pipe
  close: it fails the task that worker was running with a ProcessError,
  starts a replacement worker and carries on.  (CPython's Pool would wait
  for that result forever.)

map() cuts its input into chunks (see _map_async) so that one message
carries several calls: sending a message costs far more than a small call.

This is gilded's version of CPython's Lib/multiprocessing/pool.py: the same
API, result classes and messages.
"""

__all__ = ['Pool']

import collections
import itertools
import os
import queue
import sys
import threading

import _gilded_mp
import multiprocessing.context as context
import multiprocessing.process as process
from multiprocessing.context import TimeoutError, ProcessError

#
# Constants representing the state of a pool
#

INIT = "INIT"
RUN = "RUN"
CLOSE = "CLOSE"
TERMINATE = "TERMINATE"

#
# Miscellaneous
#

job_counter = itertools.count()


def mapstar(args):
    return list(map(*args))


def starmapstar(args):
    return list(itertools.starmap(args[0], args[1]))


def _format_exception(exc):
    """The traceback of exc as text, as traceback.format_exception gives it."""
    for module in (_gilded_mp, sys.modules.get('_thread')):
        fmt = getattr(module, "format_exception", None) or \
            getattr(module, "_format_exception", None)
        if fmt is not None:
            return fmt(exc)
    # No formatter available: at least the last line.
    text = str(exc)
    name = type(exc).__qualname__
    module = type(exc).__module__
    if module not in ('builtins', '__main__'):
        name = module + '.' + name
    return 'Traceback (most recent call last):\n%s%s\n' % (
        name, ': ' + text if text else '')


#
# Hack to embed stringification of remote traceback in local traceback
#

class RemoteTraceback(Exception):
    def __init__(self, tb):
        self.tb = tb

    def __str__(self):
        return self.tb


def _rebuild_exc(exc, tb):
    """The exception a worker sent back, with the worker's traceback as its
    __cause__ (so that a traceback in the parent shows both)."""
    if tb is not None:
        exc.__cause__ = RemoteTraceback('\n"""\n%s"""' % tb)
    return exc


class MaybeEncodingError(Exception):
    """Wraps possible unpickleable errors, so they can be
    safely sent through the socket."""

    def __init__(self, exc, value):
        self.exc = repr(exc)
        self.value = repr(value)
        super(MaybeEncodingError, self).__init__(self.exc, self.value)

    def __str__(self):
        return "Error sending result: '%s'. Reason: '%s'" % (self.value,
                                                             self.exc)

    def __repr__(self):
        return "<%s: %s>" % (self.__class__.__name__, self)


#
# The worker: what each pool process runs
#

def worker(conn, initializer=None, initargs=(), maxtasks=None,
           wrap_exception=False):
    """Receive (func, args, kwds) on conn, send back (True, result) or
    (False, (exception, traceback text)); stop at None or end of file."""
    if (maxtasks is not None) and not (isinstance(maxtasks, int)
                                       and maxtasks >= 1):
        raise AssertionError("Maxtasks {!r} is not valid".format(maxtasks))
    if initializer is not None:
        initializer(*initargs)

    completed = 0
    while maxtasks is None or (maxtasks and completed < maxtasks):
        try:
            task = conn.recv()
        except (EOFError, OSError):
            break

        if task is None:
            break

        func, args, kwds = task
        try:
            result = (True, func(*args, **kwds))
        except Exception as e:
            result = (False, (e, _format_exception(e)))
        try:
            data = context._dumps(result)
        except Exception as e:
            wrapped = MaybeEncodingError(e, result[1])
            data = context._dumps((False, (wrapped, None)))
        conn.send_bytes(data)

        task = func = args = kwds = result = data = None
        completed += 1


# Pools still running, terminated when the program exits (CPython: a
# finalizer).  gilded has no weak references: a pool lives until it is
# joined, or until exit.
_pools = []


def _terminate_pools_at_exit():
    for pool in list(_pools):
        pool._terminate_at_exit()


process._register_exit_hook(_terminate_pools_at_exit)


#
# Class representing a process pool
#

class Pool(object):
    '''
    Class which supports an async version of applying functions to arguments.
    '''
    _wrap_exception = True

    @staticmethod
    def Process(ctx, *args, **kwds):
        return ctx.Process(*args, **kwds)

    def __init__(self, processes=None, initializer=None, initargs=(),
                 maxtasksperchild=None, context=None):
        # Attributes initialized early to make sure that they exist in
        # __del__() if __init__() raises an exception
        self._pool = []
        self._state = INIT

        self._ctx = context or _default_context()
        self._taskqueue = queue.SimpleQueue()
        # The result objects still waiting for results, by job number.
        self._cache = {}
        self._maxtasksperchild = maxtasksperchild
        self._initializer = initializer
        self._initargs = initargs

        if processes is None:
            processes = os.cpu_count() or 1
        if processes < 1:
            raise ValueError("Number of processes must be at least 1")
        if maxtasksperchild is not None:
            if not isinstance(maxtasksperchild, int) or maxtasksperchild <= 0:
                raise ValueError("maxtasksperchild must be a positive int or None")

        if initializer is not None and not callable(initializer):
            raise TypeError('initializer must be a callable')

        self._processes = processes
        # Results are handed to result objects one at a time.
        self._deliver_lock = threading.Lock()
        self._conns = []
        self._threads = []
        self._tasks_done = [0] * processes
        try:
            for index in range(processes):
                w, conn = self._start_worker()
                self._pool.append(w)
                self._conns.append(conn)
        except Exception:
            for p in self._pool:
                if p.exitcode is None:
                    p.terminate()
            for p in self._pool:
                p.join()
            raise
        for index in range(processes):
            t = threading.Thread(target=self._manage_worker, args=(index,),
                                 name='PoolManager-%d' % index, daemon=True)
            self._threads.append(t)
        self._state = RUN
        _pools.append(self)
        for t in self._threads:
            t.start()

    def __repr__(self):
        cls = self.__class__
        return (f'<{cls.__module__}.{cls.__qualname__} '
                f'state={self._state} '
                f'pool_size={len(self._pool)}>')

    def __getstate__(self):
        raise NotImplementedError(
              'pool objects cannot be passed between processes or pickled'
              )

    # -- the workers ---------------------------------------------------------

    def _start_worker(self):
        """Start one worker process; return it and the parent's end of its pipe."""
        with process._spawn_lock:
            conn, child_conn = _gilded_mp.pipe(True)
            w = self.Process(self._ctx, target=worker,
                             args=(child_conn,
                                   self._initializer,
                                   self._initargs,
                                   self._maxtasksperchild,
                                   self._wrap_exception))
            w.name = w.name.replace('Process', 'PoolWorker')
            w.daemon = True
            try:
                w.start()
            finally:
                # Only the child may hold its end: then its death closes the
                # pipe and our recv() ends with EOFError.
                child_conn.close()
        return w, conn

    def _manage_worker(self, index):
        """The manager thread of worker `index` (runs in the parent)."""
        while True:
            task = self._taskqueue.get()
            if task is None or self._state == TERMINATE:
                break
            job, i, call = task
            try:
                data = context._dumps(call)
            except Exception as e:
                # The task cannot be sent (e.g. a lambda's closure holds a
                # lock): its result is that error.
                self._deliver(job, i, (False, e))
                continue
            answer = self._run_on_worker(index, data)
            if answer is None:
                return          # terminating
            ok, value = answer
            if not ok and isinstance(value, tuple):
                value = _rebuild_exc(*value)
            self._deliver(job, i, (ok, value))
            task = call = data = answer = value = None
            self._tasks_done[index] += 1
            if self._maxtasksperchild is not None and \
                    self._tasks_done[index] >= self._maxtasksperchild:
                # The worker ends by itself after maxtasks: replace it.
                self._pool[index].join()
                if self._state == TERMINATE:
                    return
                self._replace_worker(index)
        # Closing or terminating: tell the worker to stop.
        try:
            self._conns[index].send(None)
        except (OSError, ValueError):
            pass

    def _run_on_worker(self, index, data):
        """Send one task to worker `index` and wait for its answer.

        A worker that died while idle is replaced and the task sent to the
        new one; a worker that dies while running the task fails the task.
        Returns None if the pool is being terminated."""
        failed_starts = 0
        while True:
            try:
                self._conns[index].send_bytes(data)
            except OSError:
                # The task never reached the worker: it was already dead.
                if self._state == TERMINATE:
                    return None
                w = self._pool[index]
                w.join()
                failed_starts += 1
                if failed_starts > 3:
                    # It keeps dying before taking any task (a failing
                    # initializer?): report that instead of retrying forever.
                    self._replace_worker(index)
                    return (False, self._death_error(w, 'before running'))
                self._replace_worker(index)
                continue
            try:
                data = self._conns[index].recv_bytes()
            except (EOFError, OSError):
                if self._state == TERMINATE:
                    return None
                w = self._pool[index]
                w.join()
                self._replace_worker(index)
                return (False, self._death_error(w, 'while running'))
            try:
                return _gilded_mp.loads(data)
            except Exception as e:
                return (False, e)   # the answer cannot be rebuilt here

    @staticmethod
    def _death_error(w, when):
        exitcode = process._exitcode_to_name.get(w.exitcode, w.exitcode)
        return ProcessError('pool worker %s died unexpectedly (exitcode %s) %s '
                            'this task' % (w.name, exitcode, when))

    def _replace_worker(self, index):
        self._conns[index].close()
        w, conn = self._start_worker()
        self._pool[index] = w
        self._conns[index] = conn
        self._tasks_done[index] = 0
        if self._state == TERMINATE:
            w.terminate()

    def _deliver(self, job, i, result):
        with self._deliver_lock:
            obj = self._cache.get(job)
            if obj is not None:
                try:
                    obj._set(i, result)
                except Exception as e:
                    # A callback raised: report it, keep the pool going.
                    print('Exception in callback of %r:' % (obj,),
                          file=sys.stderr, flush=True)
                    threading._print_exception(e)

    # -- the public API ------------------------------------------------------

    def _check_running(self):
        if self._state != RUN:
            raise ValueError("Pool not running")

    def _put(self, job, i, func, args, kwds):
        self._taskqueue.put((job, i, (func, args, kwds)))

    def apply(self, func, args=(), kwds={}):
        '''
        Equivalent of `func(*args, **kwds)`.
        Pool must be running.
        '''
        return self.apply_async(func, args, kwds).get()

    def map(self, func, iterable, chunksize=None):
        '''
        Apply `func` to each element in `iterable`, collecting the results
        in a list that is returned.
        '''
        return self._map_async(func, iterable, mapstar, chunksize).get()

    def starmap(self, func, iterable, chunksize=None):
        '''
        Like `map()` method but the elements of the `iterable` are expected to
        be iterables as well and will be unpacked as arguments. Hence
        `func` and (a, b) becomes func(a, b).
        '''
        return self._map_async(func, iterable, starmapstar, chunksize).get()

    def starmap_async(self, func, iterable, chunksize=None, callback=None,
            error_callback=None):
        '''
        Asynchronous version of `starmap()` method.
        '''
        return self._map_async(func, iterable, starmapstar, chunksize,
                               callback, error_callback)

    def imap(self, func, iterable, chunksize=1):
        '''
        Equivalent of `map()` -- can be MUCH slower than `Pool.map()`.
        '''
        # (CPython's two messages differ: {0:n} here, {0!r} in imap_unordered.)
        return self._imap(IMapIterator, func, iterable, chunksize,
                          "Chunksize must be 1+, not {0:n}")

    def imap_unordered(self, func, iterable, chunksize=1):
        '''
        Like `imap()` method but ordering of results is arbitrary.
        '''
        return self._imap(IMapUnorderedIterator, func, iterable, chunksize,
                          "Chunksize must be 1+, not {0!r}")

    def _imap(self, iterator_type, func, iterable, chunksize, chunksize_error):
        # imap() and imap_unordered(): one task a call, or one a chunk whose
        # results the returned generator unpacks.
        self._check_running()
        if chunksize == 1:
            return self._put_all(iterator_type(self), func, iterable)
        if chunksize < 1:
            raise ValueError(chunksize_error.format(chunksize))
        result = self._put_all(iterator_type(self), mapstar,
                               Pool._get_tasks(func, iterable, chunksize))
        return (item for chunk in result for item in chunk)

    def _put_all(self, result, func, iterable):
        # Queues func(x) for every x as the job of `result`, then tells it how
        # many results to expect.
        n = 0
        for i, x in enumerate(iterable):
            self._put(result._job, i, func, (x,), {})
            n += 1
        result._set_length(n)
        return result

    def apply_async(self, func, args=(), kwds={}, callback=None,
            error_callback=None):
        '''
        Asynchronous version of `apply()` method.
        '''
        self._check_running()
        result = ApplyResult(self, callback, error_callback)
        self._put(result._job, 0, func, args, kwds)
        return result

    def map_async(self, func, iterable, chunksize=None, callback=None,
            error_callback=None):
        '''
        Asynchronous version of `map()` method.
        '''
        return self._map_async(func, iterable, mapstar, chunksize, callback,
            error_callback)

    def _map_async(self, func, iterable, mapper, chunksize=None, callback=None,
            error_callback=None):
        '''
        Helper function to implement map, starmap and their async counterparts.
        '''
        self._check_running()
        if not hasattr(iterable, '__len__'):
            iterable = list(iterable)

        if chunksize is None:
            # About four chunks per worker: few messages, yet enough pieces
            # to even out unequal calls.
            chunksize, extra = divmod(len(iterable), len(self._pool) * 4)
            if extra:
                chunksize += 1
        if len(iterable) == 0:
            chunksize = 0

        task_batches = Pool._get_tasks(func, iterable, chunksize)
        result = MapResult(self, chunksize, len(iterable), callback,
                           error_callback=error_callback)
        for i, batch in enumerate(task_batches):
            self._put(result._job, i, mapper, (batch,), {})
        return result

    @staticmethod
    def _get_tasks(func, it, size):
        it = iter(it)
        while 1:
            x = tuple(itertools.islice(it, size))
            if not x:
                return
            yield (func, x)

    def __reduce__(self):
        raise NotImplementedError(
              'pool objects cannot be passed between processes or pickled'
              )

    def close(self):
        """No more tasks; the workers exit once the queued tasks are done."""
        if self._state == RUN:
            self._state = CLOSE
            for _ in self._threads:
                self._taskqueue.put(None)

    def terminate(self):
        """Stop the workers at once, without finishing the queued tasks."""
        self._terminate_pool(join_threads=True)

    def _terminate_at_exit(self):
        # At exit other threads may never run again: do not wait for them.
        self._terminate_pool(join_threads=False)

    def _terminate_pool(self, join_threads):
        if self._state == INIT:
            return
        if self._state != TERMINATE:
            self._state = TERMINATE
            # Drop the tasks not started (their results stay unfinished, as
            # in CPython), then wake every manager thread.
            while True:
                try:
                    self._taskqueue.get_nowait()
                except queue.Empty:
                    break
            for _ in self._threads:
                self._taskqueue.put(None)
            for p in list(self._pool):
                if p.exitcode is None:
                    p.terminate()
        if join_threads:
            self._join_all()

    def join(self):
        """Wait for the workers to exit (after close() or terminate())."""
        if self._state == RUN:
            raise ValueError("Pool is still running")
        elif self._state not in (CLOSE, TERMINATE):
            raise ValueError("In unknown state")
        self._join_all()

    def _join_all(self):
        me = threading.current_thread()
        for t in self._threads:
            if t is not me:
                t.join()
        for p in list(self._pool):
            p.join()
        for conn in self._conns:
            conn.close()
        try:
            _pools.remove(self)
        except ValueError:
            pass

    def __enter__(self):
        self._check_running()
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        self.terminate()


def _default_context():
    return context._default_context.get_context()


#
# Class whose instances are returned by `Pool.apply_async()`
#

class ApplyResult(object):

    def __init__(self, pool, callback, error_callback):
        self._pool = pool
        self._event = threading.Event()
        self._job = next(job_counter)
        self._cache = pool._cache
        self._callback = callback
        self._error_callback = error_callback
        self._cache[self._job] = self

    def ready(self):
        return self._event.is_set()

    def successful(self):
        if not self.ready():
            raise ValueError("{0!r} not ready".format(self))
        return self._success

    def wait(self, timeout=None):
        self._event.wait(timeout)

    def get(self, timeout=None):
        self.wait(timeout)
        if not self.ready():
            raise TimeoutError
        if self._success:
            return self._value
        else:
            raise self._value

    def _set(self, i, obj):
        self._success, self._value = obj
        try:
            if self._callback and self._success:
                self._callback(self._value)
            if self._error_callback and not self._success:
                self._error_callback(self._value)
        finally:
            # Even if a callback raised, get() must not wait forever.
            self._event.set()
            del self._cache[self._job]
            self._pool = None


AsyncResult = ApplyResult       # create alias -- see #17805

#
# Class whose instances are returned by `Pool.map_async()`
#

class MapResult(ApplyResult):

    def __init__(self, pool, chunksize, length, callback, error_callback):
        ApplyResult.__init__(self, pool, callback,
                             error_callback=error_callback)
        self._success = True
        self._value = [None] * length
        self._chunksize = chunksize
        if chunksize <= 0:
            self._number_left = 0
            self._event.set()
            del self._cache[self._job]
        else:
            self._number_left = length//chunksize + bool(length % chunksize)

    def _set(self, i, success_result):
        self._number_left -= 1
        success, result = success_result
        if success and self._success:
            self._value[i*self._chunksize:(i+1)*self._chunksize] = result
            if self._number_left == 0:
                self._finish(self._callback)
        else:
            if not success and self._success:
                # only store first exception
                self._success = False
                self._value = result
            if self._number_left == 0:
                # only consider the result ready once all jobs are done
                self._finish(self._error_callback)

    def _finish(self, callback):
        # The last chunk is in: hand the value (or the first exception) to the
        # callback, then mark the result ready.
        try:
            if callback:
                callback(self._value)
        finally:
            del self._cache[self._job]
            self._event.set()
            self._pool = None

#
# Class whose instances are returned by `Pool.imap()`
#

class IMapIterator(object):

    def __init__(self, pool):
        self._pool = pool
        self._cond = threading.Condition(threading.Lock())
        self._job = next(job_counter)
        self._cache = pool._cache
        self._items = collections.deque()
        self._index = 0
        self._length = None
        self._unsorted = {}
        self._cache[self._job] = self

    def __iter__(self):
        return self

    def next(self, timeout=None):
        with self._cond:
            try:
                item = self._items.popleft()
            except IndexError:
                self._stop_if_done()
                self._cond.wait(timeout)
                try:
                    item = self._items.popleft()
                except IndexError:
                    self._stop_if_done()
                    raise TimeoutError from None

        success, value = item
        if success:
            return value
        raise value

    __next__ = next                    # XXX

    def _stop_if_done(self):
        # No result waiting: when every result has been handed out, the
        # iteration is over (called holding self._cond).
        if self._index == self._length:
            self._pool = None
            raise StopIteration from None

    def _set(self, i, obj):
        with self._cond:
            if self._index == i:
                self._items.append(obj)
                self._index += 1
                while self._index in self._unsorted:
                    obj = self._unsorted.pop(self._index)
                    self._items.append(obj)
                    self._index += 1
                self._cond.notify()
            else:
                self._unsorted[i] = obj

            if self._index == self._length:
                del self._cache[self._job]
                self._pool = None

    def _set_length(self, length):
        with self._cond:
            self._length = length
            if self._index == self._length:
                self._cond.notify()
                del self._cache[self._job]
                self._pool = None

#
# Class whose instances are returned by `Pool.imap_unordered()`
#

class IMapUnorderedIterator(IMapIterator):

    def _set(self, i, obj):
        with self._cond:
            self._items.append(obj)
            self._index += 1
            self._cond.notify()
            if self._index == self._length:
                del self._cache[self._job]
                self._pool = None
