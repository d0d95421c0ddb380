a = [1, 2, 3]
b = a
b.append(4)
print(a, a is b)
def mutate(lst):
    lst.append("m")
    lst = ["rebound"]
    return lst
r = mutate(a)
print(a, r)
c = list(a)
c.pop()
print(a, c)
x = y = []
x.append(1)
print(x, y)
m = [a] * 2
a.append("z")
print(m)
