"""Contexts: the objects through which multiprocessing's API is reached.

In CPython every function of ``multiprocessing`` (Process, Queue, Lock,
Pool, ...) is a method of a *context*, an object that knows how child
processes are started (the "start method": fork, forkserver or spawn).
``multiprocessing.Queue`` is really ``get_context().Queue``.

gilded has exactly one start method, **spawn**: a child is a fresh gilded
process that receives the function to run and its arguments in serialized
form.  Nothing is copied implicitly from the parent (there is no fork), so
everything a child uses must travel: functions by value (with the globals
they use), objects as class + state, and OS resources (locks, pipes, shared
memory) by *inheritance* -- the child inherits their file descriptors.

The exceptions of the package live here too, as in CPython (tracebacks call
them ``multiprocessing.context.TimeoutError`` and so on).
"""

import os
import _thread
import _gilded_mp

__all__ = ()


# ---------------------------------------------------------------------------
# Exceptions

class ProcessError(Exception):
    pass


class BufferTooShort(ProcessError):
    pass


class TimeoutError(ProcessError):
    pass


class AuthenticationError(ProcessError):
    pass


# The threads now serializing a *message* (Queue.put, a pool's tasks and
# results) -- never the start of a child.
_dumping = set()


def _dumps(obj):
    """Serialize obj for a message between processes."""
    ident = _thread.get_ident()
    _dumping.add(ident)
    try:
        return _gilded_mp.dumps(obj)
    finally:
        _dumping.discard(ident)


def assert_spawning(obj):
    """Refuse to serialize obj unless a child process is being started.

    Locks, queues and shared memory can reach a child only by inheritance (as
    an argument of Process or Pool), never through a queue or a pipe.  The
    native serializer enforces that for the OS resources themselves; this
    check gives the error CPython's wording, naming the Python class.
    """
    spawning = getattr(_gilded_mp, "is_spawning", None)
    if spawning is not None:
        refuse = not spawning()
    else:
        refuse = _thread.get_ident() in _dumping
    if refuse:
        raise RuntimeError(
            '%s objects should only be shared between processes'
            ' through inheritance' % type(obj).__name__)


# ---------------------------------------------------------------------------
# Contexts

class BaseContext:
    """All of the public API, as methods.  Imports happen inside the methods
    so that importing multiprocessing stays cheap and free of cycles."""

    ProcessError = ProcessError
    BufferTooShort = BufferTooShort
    TimeoutError = TimeoutError
    AuthenticationError = AuthenticationError

    def current_process(self):
        import multiprocessing.process as process
        return process.current_process()

    def parent_process(self):
        import multiprocessing.process as process
        return process.parent_process()

    def active_children(self):
        import multiprocessing.process as process
        return process.active_children()

    def cpu_count(self):
        """Returns the number of CPUs in the system"""
        num = _gilded_mp.cpu_count()
        if num is None:
            raise NotImplementedError('cannot determine number of cpus')
        return num

    def Lock(self):
        """Returns a non-recursive lock object"""
        from multiprocessing.synchronize import Lock
        return Lock(ctx=self.get_context())

    def RLock(self):
        """Returns a recursive lock object"""
        from multiprocessing.synchronize import RLock
        return RLock(ctx=self.get_context())

    def Condition(self, lock=None):
        """Returns a condition object"""
        from multiprocessing.synchronize import Condition
        return Condition(lock, ctx=self.get_context())

    def Semaphore(self, value=1):
        """Returns a semaphore object"""
        from multiprocessing.synchronize import Semaphore
        return Semaphore(value, ctx=self.get_context())

    def BoundedSemaphore(self, value=1):
        """Returns a bounded semaphore object"""
        from multiprocessing.synchronize import BoundedSemaphore
        return BoundedSemaphore(value, ctx=self.get_context())

    def Event(self):
        """Returns an event object"""
        from multiprocessing.synchronize import Event
        return Event(ctx=self.get_context())

    def Barrier(self, parties, action=None, timeout=None):
        """Returns a barrier object"""
        from multiprocessing.synchronize import Barrier
        return Barrier(parties, action, timeout, ctx=self.get_context())

    def Queue(self, maxsize=0):
        """Returns a queue object"""
        from multiprocessing.queues import Queue
        return Queue(maxsize, ctx=self.get_context())

    def JoinableQueue(self, maxsize=0):
        """Returns a queue object"""
        from multiprocessing.queues import JoinableQueue
        return JoinableQueue(maxsize, ctx=self.get_context())

    def SimpleQueue(self):
        """Returns a queue object"""
        from multiprocessing.queues import SimpleQueue
        return SimpleQueue(ctx=self.get_context())

    def Pipe(self, duplex=True):
        """Returns two connection object connected by a pipe"""
        from multiprocessing.connection import Pipe
        return Pipe(duplex)

    def Pool(self, processes=None, initializer=None, initargs=(),
             maxtasksperchild=None):
        """Returns a process pool object"""
        from multiprocessing.pool import Pool
        return Pool(processes, initializer, initargs, maxtasksperchild,
                    context=self.get_context())

    def RawValue(self, typecode_or_type, *args):
        """Returns a shared object"""
        from multiprocessing.sharedctypes import RawValue
        return RawValue(typecode_or_type, *args)

    def RawArray(self, typecode_or_type, size_or_initializer):
        """Returns a shared array"""
        from multiprocessing.sharedctypes import RawArray
        return RawArray(typecode_or_type, size_or_initializer)

    def Value(self, typecode_or_type, *args, lock=True):
        """Returns a synchronized shared object"""
        from multiprocessing.sharedctypes import Value
        return Value(typecode_or_type, *args, lock=lock,
                     ctx=self.get_context())

    def Array(self, typecode_or_type, size_or_initializer, *, lock=True):
        """Returns a synchronized shared array"""
        from multiprocessing.sharedctypes import Array
        return Array(typecode_or_type, size_or_initializer, lock=lock,
                     ctx=self.get_context())

    def freeze_support(self):
        """Check whether this is a fake forked process in a frozen executable.
        Does nothing in gilded (there are no frozen executables)."""
        pass

    def get_logger(self):
        raise NotImplementedError("multiprocessing logging is not available in gilded")

    def allow_connection_pickling(self):
        pass

    def set_executable(self, executable):
        pass

    def set_forkserver_preload(self, module_names):
        pass

    def get_context(self, method=None):
        if method is None:
            return self
        try:
            ctx = _concrete_contexts[method]
        except KeyError:
            raise ValueError('cannot find context for %r' % method) from None
        return ctx

    def get_start_method(self, allow_none=False):
        return self._name

    def set_start_method(self, method, force=False):
        raise ValueError('cannot set start method of concrete context')

    @property
    def reducer(self):
        return None

    def _check_available(self):
        pass


class DefaultContext(BaseContext):
    """The context behind the module-level functions of multiprocessing.

    Its start method can be chosen once with set_start_method(); in gilded
    the only choice is 'spawn'.
    """

    def __init__(self, context):
        self._default_context = context
        self._actual_context = None

    def get_context(self, method=None):
        if method is None:
            if self._actual_context is None:
                self._actual_context = self._default_context
            return self._actual_context
        else:
            return super().get_context(method)

    def set_start_method(self, method, force=False):
        if self._actual_context is not None and not force:
            raise RuntimeError('context has already been set')
        if method is None and force:
            self._actual_context = None
            return
        self._actual_context = self.get_context(method)

    def get_start_method(self, allow_none=False):
        if self._actual_context is None:
            if allow_none:
                return None
            self._actual_context = self._default_context
        return self._actual_context._name

    def get_all_start_methods(self):
        return ['spawn']


# Process classes.  multiprocessing.Process is this module's Process; a
# context's Process is SpawnProcess.  They differ only in name (which shows in
# reprs and in default process names: "Process-1", "SpawnProcess-2", and the
# pool's "SpawnPoolWorker-3").
import multiprocessing.process as process


class Process(process.BaseProcess):
    _start_method = None

    @staticmethod
    def _Popen(process_obj):
        return _default_context.get_context().Process._Popen(process_obj)

    @staticmethod
    def _after_fork():
        pass


class SpawnProcess(process.BaseProcess):
    _start_method = 'spawn'

    @staticmethod
    def _Popen(process_obj):
        return process._spawn(process_obj)

    @staticmethod
    def _after_fork():
        pass


class SpawnContext(BaseContext):
    _name = 'spawn'
    Process = SpawnProcess


_concrete_contexts = {
    'spawn': SpawnContext(),
}
_default_context = DefaultContext(_concrete_contexts['spawn'])
DefaultContext.Process = Process


def _force_start_method(method):
    _default_context._actual_context = _concrete_contexts[method]
