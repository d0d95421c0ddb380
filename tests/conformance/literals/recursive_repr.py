a = [1, 2]
a.append(a)
print(a)
print(repr(a))
b = []
b.append(b)
print(b)
d = {"k": 1}
d["self"] = d
print(d)
c = [1]
e = [c, c]
print(e)
x = [[]]
x[0].append(x)
print(x)
