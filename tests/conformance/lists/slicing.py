a = list(range(10))
print(a[2:5], a[:3], a[7:], a[::3], a[::-1], a[-3:], a[8:2:-2])
a[2:5] = ["x", "y"]
print(a)
a[:0] = [-1, -2]
print(a)
a[len(a):] = [100]
print(a)
b = list(range(10))
b[::2] = ["e"] * 5
print(b)
try:
    b[::2] = [1, 2]
except ValueError as e:
    print("ValueError:", e)
c = list(range(6))
del c[1]
print(c)
del c[1:3]
print(c)
del c[::2]
print(c)
d = [1, 2, 3]
d[1:2] = []
print(d)
d[:] = "abc"
print(d)
e = d[:]
e[0] = "Z"
print(d, e)
