a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
a, *mid, c = range(5)
print(a, mid, c)
a, *mid, c = [1, 2]
print(a, mid, c)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
k, v = "xy"
print(k, v)
[m, n] = {1: "a", 2: "b"}
print(m, n)
a, (b, *c), d = 1, (2, 3, 4), 5
print(a, b, c, d)
