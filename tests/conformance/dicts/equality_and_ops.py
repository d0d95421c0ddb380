a = {"x": 1, "y": 2}
b = {"y": 2, "x": 1}
print(a == b, a != b, list(a) == list(b))
print(a | {"z": 3}, {"x": 0} | a)
a |= {"w": 4}
print(a)
print(len({}), bool({}), bool({0: 0}))
print("x" in a, 1 in a, "w" not in a)
try:
    a < b
except TypeError as e:
    print("TypeError:", e)
print(list(dict.fromkeys([3, 1, 3, 2, 1])))
