a = b = []
a.append(1)
print(a, b, a is b)
x, y = 1, 2
x, y = y, x
print(x, y)
d = {"k": 1}
d["k"] += 1
d["k"] *= 10
print(d)
class O:
    pass
o = O()
o.n = 1
o.n += 5
o.n **= 2
print(o.n)
lst = [1, 2, 3]
lst[0] += 10
lst[-1] -= 1
print(lst)
s = "a"
s *= 3
print(s)
i = 10
i //= 3
i <<= 2
i |= 1
print(i)
n = 7
n %= 4
n ^= 6
print(n)
m = [[0, 0], [0, 0]]
m[1][0] += 5
print(m)
