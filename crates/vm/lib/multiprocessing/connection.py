"""Connections: the two ends of a pipe between processes.

    parent_conn, child_conn = Pipe()
    p = Process(target=f, args=(child_conn,))   # the child inherits its end
    parent_conn.send([1, 'two', 3.0])           # any serializable object
    print(parent_conn.recv())

A Connection sends *messages*: send(obj) serializes obj, then writes its
length (4 bytes, big-endian) and the bytes; recv() reads one whole message
and rebuilds the object.  send_bytes()/recv_bytes() do the same with raw
bytes.  The connections are native objects (``_gilded_mp.Connection``); a
blocking recv() or poll() releases the GIL.

Pipe(duplex=True) is a Unix socket pair: both ends can send and receive.
Pipe(duplex=False) is an OS pipe and returns (reader, writer).

This is the part of CPython's Lib/multiprocessing/connection.py that
concerns pipes (no Listener/Client sockets in gilded).
"""

__all__ = ['Pipe', 'Connection', 'wait']

import time
import _gilded_mp

Connection = _gilded_mp.Connection


def Pipe(duplex=True):
    '''
    Returns pair of connection objects at either end of a pipe
    '''
    return _gilded_mp.pipe(duplex)


def wait(object_list, timeout=None):
    '''
    Wait till an object in object_list is ready/readable.

    Returns list of those objects in object_list which are ready/readable.
    (gilded: connections only; it polls them in turn.)
    '''
    deadline = None if timeout is None else time.monotonic() + timeout
    delay = 0.0005
    while True:
        ready = [conn for conn in object_list if conn.poll(0)]
        if ready:
            return ready
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            delay = min(delay, remaining)
        time.sleep(delay)
        delay = min(delay * 2, 0.05)
