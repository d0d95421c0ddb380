"""Thread-safe queues: the usual way for threads to hand work to each other.

A producer put()s items, consumers get() them; get() blocks while the queue is
empty and, for a bounded queue, put() blocks while it is full.  All the
locking is inside the queue, so the threads using it need no locks of their
own.

    Queue          first in, first out (optionally bounded)
    LifoQueue      last in, first out (a stack)
    PriorityQueue  smallest item first (a heap)
    SimpleQueue    unbounded FIFO without task tracking; the fastest

This is gilded's version of CPython's Lib/queue.py, same API and behaviour.
"""

import threading
from collections import deque
from heapq import heappush, heappop
from time import monotonic as time

__all__ = ['Empty', 'Full', 'Queue', 'PriorityQueue', 'LifoQueue', 'SimpleQueue']


class Empty(Exception):
    'Exception raised by Queue.get(block=0)/get_nowait().'
    # In CPython this class lives in the C module _queue; tracebacks and
    # reprs say "_queue.Empty", and so do ours.
    __module__ = "_queue"


class Full(Exception):
    'Exception raised by Queue.put(block=0)/put_nowait().'
    pass


class Queue:
    '''Create a queue object with a given maximum size.

    If maxsize is <= 0, the queue size is infinite.

    One lock (`mutex`) protects the queue's state; three conditions share it,
    one for each thing a thread can wait for: "not empty" (get waits),
    "not full" (put waits) and "all tasks done" (join waits).  Sharing one
    lock means a thread holding it may look at and change everything at once.

    Subclasses change the order by overriding _init, _qsize, _put and _get
    (only ever called with the mutex held).
    '''

    def __init__(self, maxsize=0):
        self.maxsize = maxsize
        self._init(maxsize)
        self.mutex = threading.Lock()
        self.not_empty = threading.Condition(self.mutex)
        self.not_full = threading.Condition(self.mutex)
        self.all_tasks_done = threading.Condition(self.mutex)
        self.unfinished_tasks = 0

    def task_done(self):
        '''Tell the queue that the processing of one item got with get() is complete.

        join() unblocks once task_done() has been called for every item that
        was put().  Raises ValueError if called more times than there were
        items.
        '''
        with self.all_tasks_done:
            unfinished = self.unfinished_tasks - 1
            if unfinished <= 0:
                if unfinished < 0:
                    raise ValueError('task_done() called too many times')
                self.all_tasks_done.notify_all()
            self.unfinished_tasks = unfinished

    def join(self):
        '''Block until every item put() has been got and marked task_done().'''
        with self.all_tasks_done:
            while self.unfinished_tasks:
                self.all_tasks_done.wait()

    def qsize(self):
        '''Return the approximate size of the queue (not reliable!).'''
        # "Not reliable": another thread may change it before you use the answer.
        with self.mutex:
            return self._qsize()

    def empty(self):
        '''Return True if the queue is empty, False otherwise (not reliable!).'''
        with self.mutex:
            return not self._qsize()

    def full(self):
        '''Return True if the queue is full, False otherwise (not reliable!).'''
        with self.mutex:
            return 0 < self.maxsize <= self._qsize()

    def put(self, item, block=True, timeout=None):
        '''Put an item into the queue.

        If block is true and timeout is None (the default), wait for a free
        slot.  If timeout is a non-negative number, wait at most that many
        seconds and raise Full if there is still no free slot.  If block is
        false, raise Full at once if there is no free slot (timeout ignored).
        '''
        with self.not_full:
            if self.maxsize > 0:
                if not block:
                    if self._qsize() >= self.maxsize:
                        raise Full
                elif timeout is None:
                    while self._qsize() >= self.maxsize:
                        self.not_full.wait()
                elif timeout < 0:
                    raise ValueError("'timeout' must be a non-negative number")
                else:
                    endtime = time() + timeout
                    while self._qsize() >= self.maxsize:
                        remaining = endtime - time()
                        if remaining <= 0.0:
                            raise Full
                        self.not_full.wait(remaining)
            self._put(item)
            self.unfinished_tasks += 1
            self.not_empty.notify()

    def get(self, block=True, timeout=None):
        '''Remove and return an item from the queue.

        Waits like put() does, for an item instead of a free slot, and raises
        Empty instead of Full.
        '''
        with self.not_empty:
            if not block:
                if not self._qsize():
                    raise Empty
            elif timeout is None:
                # A loop, not an if: another consumer may take the item
                # between the notify and our getting the lock back.
                while not self._qsize():
                    self.not_empty.wait()
            elif timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            else:
                endtime = time() + timeout
                while not self._qsize():
                    remaining = endtime - time()
                    if remaining <= 0.0:
                        raise Empty
                    self.not_empty.wait(remaining)
            item = self._get()
            self.not_full.notify()
            return item

    def put_nowait(self, item):
        '''Put an item without blocking; raise Full if there is no free slot.'''
        return self.put(item, block=False)

    def get_nowait(self):
        '''Get an item without blocking; raise Empty if there is none.'''
        return self.get(block=False)

    # The storage, overridden by the subclasses below.
    def _init(self, maxsize):
        self.queue = deque()

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.popleft()


class PriorityQueue(Queue):
    '''Variant of Queue that retrieves open entries in priority order (lowest first).

    Entries are typically tuples of the form:  (priority number, data).
    '''

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        heappush(self.queue, item)

    def _get(self):
        return heappop(self.queue)


class LifoQueue(Queue):
    '''Variant of Queue that retrieves most recently added entries first.'''

    def _init(self, maxsize):
        self.queue = []

    def _qsize(self):
        return len(self.queue)

    def _put(self, item):
        self.queue.append(item)

    def _get(self):
        return self.queue.pop()


class SimpleQueue:
    '''Simple, unbounded FIFO queue.

    No maxsize, no task_done()/join(): in exchange put() never blocks and
    both operations are cheap.  concurrent.futures uses it for its work queue.
    '''
    # CPython implements this class in C, in the module _queue.
    __module__ = "_queue"

    def __init__(self):
        self._queue = deque()
        self._not_empty = threading.Condition(threading.Lock())

    def put(self, item, block=True, timeout=None):
        '''Put the item on the queue.

        The optional 'block' and 'timeout' arguments are ignored, as this method
        never blocks.  They are provided for compatibility with the Queue class.
        '''
        with self._not_empty:
            self._queue.append(item)
            self._not_empty.notify()

    def get(self, block=True, timeout=None):
        '''Remove and return an item from the queue (waits as Queue.get does).'''
        if block and timeout is not None:
            if timeout < 0:
                raise ValueError("'timeout' must be a non-negative number")
            endtime = time() + timeout
        with self._not_empty:
            while not self._queue:
                if not block:
                    raise Empty
                if timeout is None:
                    self._not_empty.wait()
                else:
                    remaining = endtime - time()
                    if remaining <= 0.0:
                        raise Empty
                    self._not_empty.wait(remaining)
            return self._queue.popleft()

    def put_nowait(self, item):
        '''Put an item into the queue without blocking (same as put()).'''
        return self.put(item, block=False)

    def get_nowait(self):
        '''Get an item without blocking; raise Empty if there is none.'''
        return self.get(block=False)

    def empty(self):
        '''Return True if the queue is empty, False otherwise (not reliable!).'''
        return len(self._queue) == 0

    def qsize(self):
        '''Return the approximate size of the queue (not reliable!).'''
        return len(self._queue)
