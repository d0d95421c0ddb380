# What crosses between processes, checked in one process: _gilded_mp.dumps/loads
# must give back equal values, keep shared objects shared, survive cycles, and
# refuse what cannot cross with CPython's messages.
import _gilded_mp as mp
import collections, math, threading

def rt(x):
    return mp.loads(mp.dumps(x))

values = [None, True, False, 0, -1, 2**63, -(2**100), 1.5, float("inf"), 1e-300,
          3+4j, "", "héllo ✓", b"\x00\xff", (), (1, (2, (3,))), [1, [2, []]],
          {"a": 1, 2: [3], (4, 5): None}, {1, 2, 3}, frozenset({"x", "y"}),
          range(1, 10, 3), slice(1, None, -1), Ellipsis, NotImplemented]
for v in values:
    assert rt(v) == v or v != v, v
    assert type(rt(v)) is type(v), v
print("data ok")

shared = [1, 2]
pair = rt([shared, shared])
assert pair[0] is pair[1], "a shared list stays shared"
loop = [1]
loop.append(loop)
back = rt(loop)
assert back[1] is back, "a list containing itself"
d = {}
d["self"] = d
dd = rt(d)
assert dd["self"] is dd, "a dict containing itself"
t = ([],)
t[0].append(t)
tb = rt(t)
assert tb[0][0] is tb, "a tuple reached again through its list"
print("sharing ok")

# Deep nesting is handled with loops, not recursion.
deep = []
cur = deep
for _ in range(100000):
    nxt = []
    cur.append(nxt)
    cur = nxt
back = rt(deep)
n = 0
while back:
    back = back[0]
    n += 1
assert n == 100000, n
print("deep ok")

# Functions and classes of the program travel by value; identity is kept for
# objects that came from this process.
K = 7
def f(x, y=3):
    return x * K + y
assert rt(f) is f
class P:
    def __init__(self, v):
        self.v = v
    def __eq__(self, other):
        return isinstance(other, P) and other.v == self.v
p = rt(P(5))
assert type(p) is P and p == P(5)
e = rt(ValueError("bad", 2))
assert type(e) is ValueError and e.args == ("bad", 2)
assert rt(math.sqrt) is math.sqrt and rt(len) is len and rt(collections.OrderedDict) is collections.OrderedDict
assert rt(math) is math
print("code ok")

class WithState:
    def __init__(self):
        self.lock = threading.Lock()
        self.n = 1
    def __getstate__(self):
        return {"n": self.n}
    def __setstate__(self, state):
        self.n = state["n"] * 10
        self.lock = None
w = rt(WithState())
assert w.n == 10 and w.lock is None
print("getstate ok")

def refused(x):
    try:
        mp.dumps(x)
    except TypeError as e:
        return str(e)
    return "accepted"
assert refused(threading.Lock()) == "cannot pickle '_thread.lock' object", refused(threading.Lock())
assert refused((i for i in [])) == "cannot pickle 'generator' object"
assert refused(iter([1])) == "cannot pickle 'list_iterator' object", refused(iter([1]))
import sys
assert refused(sys.stdout).startswith("cannot pickle '_io.TextIOWrapper"), refused(sys.stdout)
try:
    mp.loads(b"\x07garbage")
except ValueError as e:
    assert "corrupt" in str(e) or "version" in str(e), e
print("OK")
