# _gilded_mp.SharedArray in one process: every typecode, wrapping and conversion
# like ctypes, slices, ctypes' error messages, 'c' arrays' value/raw, and a
# rebuilt copy (what a child maps) sharing the same memory.
import threading
import _gilded_mp as mp
from _gilded_mp import SharedArray


def error(f, *args):
    try:
        f(*args)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)
    return None


def setitem(a, k, v):
    a[k] = v


# ----- zero-filled, every typecode -----
sizes = {"b": 1, "B": 1, "h": 2, "H": 2, "i": 4, "I": 4, "l": 8, "L": 8,
         "q": 8, "Q": 8, "f": 4, "d": 8, "c": 1}
for code, size in sizes.items():
    a = SharedArray(code, 4)
    assert a.typecode == code and a.itemsize == size and len(a) == 4
    if code == "c":
        assert a[:] == b"\0\0\0\0" and a[0] == b"\0"
    elif code in "fd":
        assert a[:] == [0.0, 0.0, 0.0, 0.0]
    else:
        assert a[:] == [0, 0, 0, 0]

# ----- integer widths wrap as ctypes masks them -----
b = SharedArray("b", 3)
b[0] = 127
b[1] = 128
b[2] = -129
assert b[:] == [127, -128, 127], b[:]
B = SharedArray("B", 2)
B[0] = 256 + 7
B[1] = -1
assert B[:] == [7, 255]
h = SharedArray("h", 1)
h[0] = 70000
assert h[0] == 70000 - 65536
H = SharedArray("H", 1)
H[0] = -2
assert H[0] == 65534
i = SharedArray("i", 2)
i[0] = 2**31
i[1] = True
assert i[:] == [-2**31, 1]
I = SharedArray("I", 1)
I[0] = -1
assert I[0] == 2**32 - 1
q = SharedArray("q", 2)
q[0] = 2**63 - 1
q[1] = 2**64 + 5  # beyond 64 bits: masked
assert q[:] == [2**63 - 1, 5]
Q = SharedArray("Q", 2)
Q[0] = 2**64 - 1
Q[1] = -1
assert Q[:] == [2**64 - 1, 2**64 - 1]
L = SharedArray("L", 1)
L[0] = 2**63
assert L[0] == 2**63

# ----- floats -----
d = SharedArray("d", 3)
d[0] = 1.5
d[1] = 3  # ints convert
d[2] = -0.1
assert d[:] == [1.5, 3.0, -0.1]
f = SharedArray("f", 1)
f[0] = 0.1
assert f[0] != 0.1 and abs(f[0] - 0.1) < 1e-7  # single precision
assert error(setitem, d, 0, "x") == "TypeError: must be real number, not str"
assert error(setitem, i, 0, 1.5) == (
    "TypeError: 'float' object cannot be interpreted as an integer"
)
assert error(setitem, i, 0, "1") == (
    "TypeError: 'str' object cannot be interpreted as an integer"
)

# ----- indexing and slices -----
a = SharedArray("i", 5)
for k in range(5):
    a[k] = k * 10
assert a[-1] == 40 and a[-5] == 0
assert a[1:3] == [10, 20] and a[::2] == [0, 20, 40] and a[::-1] == [40, 30, 20, 10, 0]
assert a[10:] == [] and a[-100:2] == [0, 10]
assert list(a) == [0, 10, 20, 30, 40]
a[1:3] = [7, 8]
assert a[:] == [0, 7, 8, 30, 40]
a[::2] = (1, 2, 3)
assert a[:] == [1, 7, 2, 30, 3]
a[-1] = 99
assert a[4] == 99
assert error(lambda: a[5]) == "IndexError: invalid index"
assert error(lambda: a[-6]) == "IndexError: invalid index"
assert error(setitem, a, 5, 1) == "IndexError: invalid index"
assert error(lambda: a["x"]) == "TypeError: indices must be integers"
assert error(lambda: a[1.0]) == "TypeError: indices must be integers"
assert error(setitem, a, "x", 1) == "TypeError: indices must be integers"
assert error(setitem, a, slice(0, 2), [1]) == (
    "ValueError: Can only assign sequence of same size"
)
assert error(setitem, a, slice(0, 2), 5) == "TypeError: object of type 'int' has no len()"
assert error(setitem, a, slice(0, 2), [1, "x"]) == (
    "TypeError: 'str' object cannot be interpreted as an integer"
)
assert a[:2] == [1, 7]  # a bad item leaves the slice untouched
assert error(lambda: a[::0]) == "ValueError: slice step cannot be zero"


def delete(a):
    del a[0]


assert error(delete, a) == "TypeError: Array does not support item deletion"

# ----- 'c' arrays: bytes items, .value and .raw -----
c = SharedArray("c", 6)
c[0] = b"h"
c[1] = ord("i")
assert c[0] == b"h" and c[:2] == b"hi"
assert c.value == b"hi" and c.raw == b"hi\0\0\0\0"
c.value = b"hello!"
assert c.value == b"hello!" and c.raw == b"hello!"
c.value = b"ab"
assert c.value == b"ab" and c.raw == b"ab\0lo!"
c.raw = b"xyz"
assert c.raw == b"xyzlo!" and c.value == b"xyzlo!"
c[1:3] = b"QR"
assert c.value == b"xQRlo!"
assert error(setitem, c, 0, "x") == (
    "TypeError: one character bytes, bytearray or integer expected"
)
assert error(setitem, c, 0, b"xy") == (
    "TypeError: one character bytes, bytearray or integer expected"
)
assert error(setitem, c, 0, 256) == (
    "TypeError: one character bytes, bytearray or integer expected"
)
assert error(setattr, c, "value", b"1234567") == "ValueError: byte string too long"
assert error(setattr, c, "value", "abc") == "TypeError: bytes expected instead of str instance"
assert error(setattr, c, "raw", b"1234567") == "ValueError: byte string too long"
assert error(setattr, c, "raw", "abc") == (
    "TypeError: a bytes-like object is required, not 'str'"
)
assert error(getattr, a, "value") == (
    "AttributeError: 'SharedArray' object of typecode 'i' has no attribute 'value'"
)

# ----- constructor errors -----
assert len(SharedArray("d", 0)) == 0 and SharedArray("d", 0)[:] == []
assert error(SharedArray, "x", 3) == (
    "ValueError: bad typecode (must be b, B, h, H, i, I, l, L, q, Q, f, d or c)"
)
assert error(SharedArray, 3, 3) == (
    "TypeError: SharedArray() argument 1 must be a unicode character, not int"
)
assert error(SharedArray, "i", -1) == "ValueError: Array length must be >= 0, not -1"
assert error(SharedArray, "i", 1.5) == (
    "TypeError: 'float' object cannot be interpreted as an integer"
)
assert error(SharedArray, "i") == (
    "TypeError: SharedArray() missing required argument 'length' (pos 2)"
)
assert error(SharedArray, "q", 2**62) == "OverflowError: array too large"

# ----- a rebuilt copy maps the same memory -----
shared = SharedArray("q", 3)
copy = mp._roundtrip(shared)
assert copy is not shared and copy.typecode == "q" and len(copy) == 3
shared[0] = 42
assert copy[0] == 42
copy[2] = -7
assert shared[:] == [42, 0, -7]
del shared  # the copy keeps its own mapping
assert copy[:] == [42, 0, -7]
chars = SharedArray("c", 4)
chars.value = b"abc"
assert mp._roundtrip(chars).value == b"abc"

# ----- unlocked += from threads: element stores are atomic, updates may be lost
# (the count can only be <= the total; with the GIL it is usually exact) -----
counter = SharedArray("i", 1)


def bump():
    for _ in range(1000):
        counter[0] += 1


threads = [threading.Thread(target=bump) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert 1000 <= counter[0] <= 4000, counter[0]

print("OK")
