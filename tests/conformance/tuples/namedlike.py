def divmod_pair(a, b):
    return a // b, a % b
q, r = divmod_pair(17, 5)
print(q, r)
res = divmod_pair(9, 4)
print(res, type(res).__name__)
points = [(3, 4), (0, 1), (-2, 2)]
for x, y in points:
    print(f"({x}, {y}) -> {x * x + y * y}")
print(sorted(points, key=lambda p: p[0] ** 2 + p[1] ** 2))
print(list(zip(*points)))
print(tuple(x for x, _ in points))
