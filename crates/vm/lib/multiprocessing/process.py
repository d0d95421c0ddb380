"""Process objects: like threading.Thread, but the activity runs in another
OS process, with its own interpreter and its own GIL.

    p = Process(target=f, args=(1,))
    p.start()           # a new gilded process starts and runs f(1)
    p.join()            # wait for it to finish
    print(p.exitcode)   # 0: f returned; 1: f raised; -15: killed by SIGTERM

How a child is started (the "spawn" start method, the only one gilded has):
start() hands the Process object itself to ``_gilded_mp.spawn``, which
serializes it -- its class, its target function and arguments -- and starts a
fresh ``gilded`` process that rebuilds it and calls ``_bootstrap(process)``
below.  The parent keeps a *handle* (pid, exitcode, join, terminate, kill)
in ``self._popen``.

This is gilded's version of CPython's Lib/multiprocessing/process.py.
"""

__all__ = ['BaseProcess', 'current_process', 'active_children',
           'parent_process']

import os
import sys
import itertools
import threading
import _gilded_mp


def current_process():
    '''
    Return process object representing the current process
    '''
    return _current_process


def active_children():
    '''
    Return list of process objects corresponding to live child processes
    '''
    _cleanup()
    return list(_children)


def parent_process():
    '''
    Return process object representing the parent process
    '''
    return _parent_process


def _cleanup():
    # check for processes which have finished
    for p in list(_children):
        child_popen = p._popen
        if child_popen and child_popen.poll() is not None:
            _discard_child(p)


def _discard_child(p):
    # _children is a list (CPython: a set) so active_children() lists the
    # children in the order they were started.
    try:
        _children.remove(p)
    except ValueError:
        pass


# ---------------------------------------------------------------------------
# The handle of a started child

class _Popen:
    """The parent's view of a started child: wraps the native SpawnedProcess
    handle with the small interface CPython's Popen classes have."""

    def __init__(self, process_obj):
        self.returncode = None
        self._handle = _gilded_mp.spawn(
            _bootstrap, args=(process_obj,), kwargs={},
            daemon=process_obj.daemon, exit_with_result=True)
        self.pid = self._handle.pid
        self.sentinel = getattr(self._handle, "sentinel", None)

    def poll(self, flag=None):
        if self.returncode is None:
            self.returncode = self._handle.exitcode
        return self.returncode

    def wait(self, timeout=None):
        """Wait for the child to end (at most timeout seconds); its exit code
        or None if it is still running."""
        if self.returncode is None:
            if timeout is not None and timeout < 0:
                timeout = 0
            try:
                self._handle.join(timeout=timeout)
            except Exception:
                # The handle re-raises a child's exception; our children
                # catch everything themselves (exit_with_result), so this
                # can only mean the child died: its exit code says how.
                if self._handle.exitcode is None:
                    raise
        return self.poll()

    def terminate(self):
        if self.returncode is None:
            self._handle.terminate()

    def kill(self):
        if self.returncode is None:
            self._handle.kill()

    def close(self):
        pass

    def __getstate__(self):
        raise TypeError("cannot pickle 'Popen' object")


def _spawn(process_obj):
    return _Popen(process_obj)


# Held by Pool and ProcessPoolExecutor while they create a worker's pipe,
# start the worker and close the child's end of the pipe, so that no other
# of their workers starts in between holding a copy of that end.
_spawn_lock = threading.Lock()


# ---------------------------------------------------------------------------
# The Process class

class BaseProcess(object):
    '''
    Process objects represent activity that is run in a separate process

    The class is analogous to `threading.Thread`
    '''
    def _Popen(self):
        raise NotImplementedError

    def __init__(self, group=None, target=None, name=None, args=(), kwargs={},
                 *, daemon=None):
        assert group is None, 'group argument must be None for now'
        count = next(_process_counter)
        # _identity numbers the process in the tree: (2,) is the parent's
        # second child, (2, 1) that child's first child -- "Process-2:1".
        self._identity = _current_process._identity + (count,)
        self._config = _current_process._config.copy()
        self._parent_pid = os.getpid()
        self._parent_name = _current_process.name
        self._popen = None
        self._closed = False
        self._target = target
        self._args = tuple(args)
        self._kwargs = dict(kwargs)
        self._name = name or type(self).__name__ + '-' + \
                     ':'.join(str(i) for i in self._identity)
        if daemon is not None:
            self.daemon = daemon

    def _check_closed(self):
        if self._closed:
            raise ValueError("process object is closed")

    def run(self):
        '''
        Method to be run in sub-process; can be overridden in sub-class
        '''
        if self._target:
            self._target(*self._args, **self._kwargs)

    def start(self):
        '''
        Start child process
        '''
        self._check_closed()
        assert self._popen is None, 'cannot start a process twice'
        assert self._parent_pid == os.getpid(), \
               'can only start a process object created by current process'
        assert not _current_process._config.get('daemon'), \
               'daemonic processes are not allowed to have children'
        _cleanup()
        # This serializes self (target, args and all) and starts the child.
        self._popen = self._Popen(self)
        self._sentinel = self._popen.sentinel
        # Avoid a refcycle if the target function holds an indirect
        # reference to the process object (see bpo-30775)
        del self._target, self._args, self._kwargs
        _children.append(self)

    def terminate(self):
        '''
        Terminate process; sends SIGTERM signal or uses TerminateProcess()
        '''
        self._check_closed()
        self._popen.terminate()

    def kill(self):
        '''
        Terminate process; sends SIGKILL signal or uses TerminateProcess()
        '''
        self._check_closed()
        self._popen.kill()

    def join(self, timeout=None):
        '''
        Wait until child process terminates
        '''
        self._check_closed()
        assert self._parent_pid == os.getpid(), 'can only join a child process'
        assert self._popen is not None, 'can only join a started process'
        res = self._popen.wait(timeout)
        if res is not None:
            _discard_child(self)

    def is_alive(self):
        '''
        Return whether process is alive
        '''
        self._check_closed()
        if self is _current_process:
            return True
        assert self._parent_pid == os.getpid(), 'can only test a child process'

        if self._popen is None:
            return False

        returncode = self._popen.poll()
        if returncode is None:
            return True
        else:
            _discard_child(self)
            return False

    def close(self):
        '''
        Close the Process object.

        This method releases resources held by the Process object.  It is
        an error to call this method if the child process is still running.
        '''
        if self._popen is not None:
            if self._popen.poll() is None:
                raise ValueError("Cannot close a process while it is still running. "
                                 "You should first call join() or terminate().")
            self._popen.close()
            self._popen = None
            del self._sentinel
            _discard_child(self)
        self._closed = True

    @property
    def name(self):
        return self._name

    @name.setter
    def name(self, name):
        assert isinstance(name, str), 'name must be a string'
        self._name = name

    @property
    def daemon(self):
        '''
        Return whether process is a daemon
        '''
        return self._config.get('daemon', False)

    @daemon.setter
    def daemon(self, daemonic):
        '''
        Set whether process is a daemon
        '''
        assert self._popen is None, 'process has already started'
        self._config['daemon'] = daemonic

    @property
    def authkey(self):
        return self._config['authkey']

    @authkey.setter
    def authkey(self, authkey):
        '''
        Set authorization key of process
        '''
        self._config['authkey'] = bytes(authkey)

    @property
    def exitcode(self):
        '''
        Return exit code of process or `None` if it has yet to stop
        '''
        self._check_closed()
        if self._popen is None:
            return self._popen
        return self._popen.poll()

    @property
    def ident(self):
        '''
        Return identifier (PID) of process or `None` if it has yet to start
        '''
        self._check_closed()
        if self is _current_process:
            return os.getpid()
        else:
            return self._popen and self._popen.pid

    pid = ident

    @property
    def sentinel(self):
        '''
        Return a file descriptor (Unix) or handle (Windows) suitable for
        waiting for process termination.
        '''
        self._check_closed()
        try:
            return self._sentinel
        except AttributeError:
            raise ValueError("process not started") from None

    def __repr__(self):
        exitcode = None
        if self is _current_process:
            status = 'started'
        elif self._closed:
            status = 'closed'
        elif self._parent_pid != os.getpid():
            status = 'unknown'
        elif self._popen is None:
            status = 'initial'
        else:
            exitcode = self._popen.poll()
            if exitcode is not None:
                status = 'stopped'
            else:
                status = 'started'

        info = [type(self).__name__, 'name=%r' % self._name]
        if self._popen is not None:
            info.append('pid=%s' % self._popen.pid)
        info.append('parent=%s' % self._parent_pid)
        info.append(status)
        if exitcode is not None:
            exitcode = _exitcode_to_name.get(exitcode, exitcode)
            info.append('exitcode=%s' % exitcode)
        if self.daemon:
            info.append('daemon')
        return '<%s>' % ' '.join(info)

    # What travels to the child: everything but the parent's handle.
    def __getstate__(self):
        state = self.__dict__.copy()
        state['_popen'] = None
        state.pop('_sentinel', None)
        return state


# ---------------------------------------------------------------------------
# The child's side

def _flush_std_streams():
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError):
            pass


def _print_exception(exc):
    # Prints the traceback like an uncaught exception (as threads' do).
    threading._print_exception(exc)


def _bootstrap(process):
    """What a child process runs: process.run(), then the exit code.

    The exit code is 0 when run() returns, 1 when it raises (after printing
    "Process NAME:" and the traceback to stderr), and the code of a
    SystemExit.
    """
    global _current_process, _parent_process, _process_counter, _children
    exitcode = 1
    try:
        _process_counter = itertools.count(1)
        _children = []
        if process._start_method is not None:
            import multiprocessing.context as context
            context._force_start_method(process._start_method)
        _current_process = process
        _parent_process = _ParentProcess(process._parent_name,
                                         process._parent_pid)
        try:
            process.run()
            exitcode = 0
        finally:
            _exit_function()
    except SystemExit as e:
        if e.code is None:
            exitcode = 0
        elif isinstance(e.code, int):
            exitcode = e.code
        else:
            sys.stderr.write(str(e.code) + '\n')
            exitcode = 1
    except BaseException as e:
        exitcode = 1
        sys.stderr.write('Process %s:\n' % process.name)
        _print_exception(e)
    finally:
        if 'threading' in sys.modules:
            sys.modules['threading']._shutdown()
        _flush_std_streams()
    return exitcode


class _ParentProcess(BaseProcess):
    """The process object parent_process() returns in a child."""

    def __init__(self, name, pid, sentinel=None):
        self._identity = ()
        self._name = name
        self._pid = pid
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._sentinel = sentinel
        self._config = {}

    def is_alive(self):
        return os.getppid() == self._pid

    @property
    def ident(self):
        return self._pid

    def join(self, timeout=None):
        '''
        Wait until parent process terminates
        '''
        import time
        deadline = None if timeout is None else time.monotonic() + timeout
        while self.is_alive():
            if deadline is not None and time.monotonic() >= deadline:
                return
            time.sleep(0.01)

    pid = ident


class _MainProcess(BaseProcess):
    """The process object of the program's first process."""

    def __init__(self):
        self._identity = ()
        self._name = 'MainProcess'
        self._parent_pid = None
        self._popen = None
        self._closed = False
        self._config = {'authkey': os.urandom(32),
                        'semprefix': '/mp'}
        # Everything in self._config will be inherited by descendant
        # processes.

    def close(self):
        pass


_parent_process = None
_current_process = _MainProcess()
_process_counter = itertools.count(1)
_children = []
del _MainProcess


# Give names to some return codes: a child killed by signal N has exitcode -N.
_exitcode_to_name = {}
for _name, _signum in [('SIGHUP', 1), ('SIGINT', 2), ('SIGQUIT', 3),
                       ('SIGILL', 4), ('SIGTRAP', 5), ('SIGABRT', 6),
                       ('SIGBUS', 7), ('SIGFPE', 8), ('SIGKILL', 9),
                       ('SIGUSR1', 10), ('SIGSEGV', 11), ('SIGUSR2', 12),
                       ('SIGPIPE', 13), ('SIGALRM', 14), ('SIGTERM', 15)]:
    _exitcode_to_name[-_signum] = f'-{_name}'
del _name, _signum


# ---------------------------------------------------------------------------
# Interpreter exit

# Functions to run when this process exits, before its children are waited
# for (pools register themselves here).  CPython: util.Finalize.
_exit_hooks = []
_exiting = False


def _register_exit_hook(func, *args):
    _exit_hooks.append((func, args))


def _exit_function():
    """Called when a process ends (the interpreter calls it at exit, and the
    child's _bootstrap after run()): stop the pools and executors, terminate
    the daemonic children.

    The interpreter then waits for the other children itself (CPython's
    _exit_function joins them here): so that Ctrl-C during that wait, or a
    program ended by Ctrl-C, terminates them instead of waiting.
    """
    global _exiting
    if _exiting:
        return
    _exiting = True
    for func, args in reversed(_exit_hooks):
        try:
            func(*args)
        except Exception:
            pass
    for p in active_children():
        if p.daemon:
            p._popen.terminate()
