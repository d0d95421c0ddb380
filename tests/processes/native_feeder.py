# _gilded_mp.Feeder in one process: puts never block, messages arrive whole and in
# order, the write lock is honoured, close/join/flush, flush_feeders, errors.
import threading
import time
import _gilded_mp as mp


def error(f, *args, **kwargs):
    try:
        f(*args, **kwargs)
    except BaseException as e:
        text = str(e)
        return type(e).__name__ + (": " + text if text else "")
    return None


# ----- puts return at once even when nothing reads; order and framing kept -----
r, w = mp.pipe(False)
wlock = mp.SemLock(mp.SEMAPHORE, 1, 1)
f = mp.Feeder(w, wlock)
assert f.is_alive() and not f.closed and not f.broken
big = b"x" * 300000  # more than a pipe holds
t0 = time.monotonic()
for n in range(50):
    f.put_bytes(bytes([n]) * (n * 10))
f.put_bytes(big)
assert time.monotonic() - t0 < 1.0  # none of that waited for a reader
assert f.flush(0.1) is False and f.pending >= 1  # the pipe is full
for n in range(50):
    assert r.recv_bytes() == bytes([n]) * (n * 10)
assert r.recv_bytes() == big
assert f.flush(5.0) is True and f.pending == 0
assert wlock._get_value() == 1  # released after every write

# ----- the write lock: while another holder has it, nothing is written -----
wlock.acquire()
f.put_bytes(b"held back")
assert r.poll(0.2) is False
wlock.release()
assert r.poll(5.0) and r.recv_bytes() == b"held back"

# ----- close: drains, then the thread exits; its descriptor closes with it -----
f.put_bytes(b"a")
f.put_bytes(b"b")
f.close()
f.close()
assert f.closed
assert error(f.put_bytes, b"c") == "ValueError: put_bytes() on a closed Feeder"
assert f.join(5.0) is True and not f.is_alive()
assert r.recv_bytes() == b"a" and r.recv_bytes() == b"b"
assert not r.poll(0.05)  # the Python-side writer is still open
w.close()
assert r.poll(1.0) and error(r.recv_bytes) == "EOFError"

# ----- closing the connection does not stop a running feeder -----
r, w = mp.pipe()
f = mp.Feeder(w)  # no write lock
w.close()
f.put_bytes(b"after close")
assert r.recv_bytes() == b"after close"
f.close()
assert f.join(5.0)

# ----- several feeders on one pipe, one shared lock: messages never interleave -----
r, w = mp.pipe(False)
lock = mp.SemLock(mp.SEMAPHORE, 1, 1)
feeders = [mp.Feeder(w, lock) for _ in range(3)]
chunk = 20000  # bigger than PIPE_BUF: only the lock keeps these whole
for k, fd in enumerate(feeders):
    for n in range(5):
        fd.put_bytes(bytes([65 + k]) * chunk)
got = []
t = threading.Thread(target=lambda: [got.append(r.recv_bytes()) for _ in range(15)])
t.start()
t.join()
assert len(got) == 15
for m in got:
    assert len(m) == chunk and m == m[:1] * chunk
assert sorted(m[:1] for m in got) == [b"A"] * 5 + [b"B"] * 5 + [b"C"] * 5
for fd in feeders:
    fd.close()
for fd in feeders:
    assert fd.join(5.0)

# ----- flush_feeders waits for every feeder of the process -----
r, w = mp.pipe(False)
lock = mp.SemLock(mp.SEMAPHORE, 1, 1)  # two writers of big messages need it
f1 = mp.Feeder(w, lock)
f2 = mp.Feeder(w, lock)
received = []


def reader():
    time.sleep(0.2)
    for _ in range(4):
        received.append(len(r.recv_bytes()))


t = threading.Thread(target=reader)
t.start()
f1.put_bytes(b"1" * 100000)
f2.put_bytes(b"2" * 100000)
f1.put_bytes(b"3")
f2.put_bytes(b"4")
t0 = time.monotonic()
mp._flush_feeders()
assert time.monotonic() - t0 > 0.1  # it really waited for the slow reader
assert f1.pending == 0 and f2.pending == 0
t.join()
assert sorted(received) == [1, 1, 100000, 100000]
# A cancelled feeder is not waited for.
f3 = mp.Feeder(w)
f3.put_bytes(b"z" * 1000000)  # never read
f3.cancel_join()
t0 = time.monotonic()
mp._flush_feeders()
assert time.monotonic() - t0 < 1.0

# ----- a reader that goes away: the feeder drops what it cannot deliver -----
r, w = mp.pipe(False)
f = mp.Feeder(w)
r.close()
f.put_bytes(b"lost")
assert f.flush(5.0) and f.broken
f.put_bytes(b"also lost")
assert f.flush(5.0) and f.pending == 0
f.close()
assert f.join(5.0)

# ----- argument errors -----
r, w = mp.pipe(False)
assert error(mp.Feeder, r) == "OSError: connection is read-only"
w.close()
assert error(mp.Feeder, w) == "OSError: handle is closed"
r2, w2 = mp.pipe(False)
assert error(mp.Feeder, 5) == "TypeError: Feeder() argument 'conn' must be a Connection, not int"
assert error(mp.Feeder, w2, "lock") == (
    "TypeError: Feeder() argument 'wlock' must be a SemLock or None, not str"
)
f = mp.Feeder(w2, None)
assert error(f.put_bytes, "text") == "TypeError: a bytes-like object is required, not 'str'"
assert error(f.put_bytes) == "TypeError: put_bytes() missing required argument 'buf' (pos 1)"
assert error(f.join, "x") == "TypeError: must be real number, not str"
del f  # dropping the object closes the feeder; its thread exits by itself

print("OK")
