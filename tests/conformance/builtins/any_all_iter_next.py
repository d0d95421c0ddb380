print(any([]), all([]), any([0, "", None]), any([0, 1]), all([1, "x"]), all([1, 0]))
it = iter([10, 20])
print(next(it), next(it), next(it, "dflt"), next(it, None))
s = iter("ab")
print(list(s), list(s))
d = iter({"k1": 1, "k2": 2})
print(next(d))
try:
    next(iter(()))
except StopIteration:
    print("StopIteration")
try:
    iter(42)
except TypeError as e:
    print("TypeError:", e)
def side(x):
    print("checking", x)
    return x
print(any(side(x) for x in [0, 2, 3]))
print(all(side(x) for x in [1, 0, 3]))
