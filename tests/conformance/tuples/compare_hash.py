print((1, 2) == (1, 2), (1, 2) < (1, 3), (1, 2) < (1, 2, 0), (2,) > (1, 5))
print(hash((1, 2)) == hash((1, 2)))
d = {(0, 0): "origin", (1, 0): "east"}
print(d[(0, 0)], d[1, 0])
print(sorted([(2, "b"), (1, "z"), (2, "a")]))
try:
    hash((1, [2]))
except TypeError as e:
    print("TypeError:", e)
print(max([(1, "a"), (1, "b")]), min((3, 1), (2, 9)))
