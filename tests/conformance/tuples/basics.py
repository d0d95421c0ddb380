t = (1, "two", 3.0)
print(t, len(t), t[1], t[-1], t[1:])
print(t.count(1), t.index("two"))
s = 1, 2, 3
print(s, type(s))
one = (5,)
notone = (5)
print(one, notone, type(one), type(notone))
print(tuple([1, 2]), tuple("ab"), tuple())
print((1, 2) + (3,), (0,) * 3)
print((1, [2, 3])[1][0])
try:
    t[0] = 9
except TypeError as e:
    print("TypeError:", e)
try:
    t[5]
except IndexError as e:
    print("IndexError:", e)
try:
    t.index(99)
except ValueError as e:
    print("ValueError:", e)
