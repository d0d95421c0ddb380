a = {1, 2, 3, 4}
b = {3, 4, 5, 6}
print(a | b, a.union(b), a.union([9], (8,)))
print(a & b, a.intersection(b))
print(a - b, a.difference(b), b - a)
print(a ^ b, a.symmetric_difference(b))
print({1, 2} <= a, {1, 2}.issubset(a), a.issuperset({1}), a >= {1, 5})
print({1, 2} < {1, 2}, {1} < {1, 2}, a.isdisjoint({7, 8}), a.isdisjoint(b))
c = set(a)
c |= {10}
c &= {1, 2, 10}
c -= {1}
c ^= {2, 3}
print(c)
print(a == {4, 3, 2, 1}, a != b)
try:
    a + b
except TypeError as e:
    print("TypeError:", e)
