print(list(range(5)), list(range(2, 6)), list(range(0, 10, 3)))
print(list(range(10, 0, -2)), list(range(5, 5)), list(range(5, 0)))
print(list(range(-3, 3)), list(range(3, -4, -3)))
r = range(1, 20, 4)
print(r, len(r), r[1], r[-1], r[1:3], 9 in r, 10 in r, r.index(13), r.count(5))
print(range(0), len(range(0, -5)), list(reversed(range(4))))
print(sum(range(101)), max(range(7)), min(range(3, 8)))
print(range(3) == range(0, 3), range(0) == range(5, 5))
try:
    range(1, 10, 0)
except ValueError as e:
    print("ValueError:", e)
try:
    range(1.5)
except TypeError as e:
    print("TypeError:", e)
try:
    range(5)[10]
except IndexError as e:
    print("IndexError:", e)
