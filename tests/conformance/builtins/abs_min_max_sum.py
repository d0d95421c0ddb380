print(abs(-5), abs(3.5), abs(-0.0), abs(-2 ** 70))
print(min(3, 1, 2), max(3, 1, 2), min([5, 4]), max("apple", "pear"), max("hello"))
print(min([], default="empty"), max((), default=None))
print(max(["aa", "b", "cccc"], key=len), min([3, -7, 5], key=abs))
print(max([1, 5, 5.0]), max(5.0, 5), min(1, True))
print(max([(1, "b"), (1, "a")]))
print(sum([1, 2, 3]), sum([1, 2], 10), sum([]), sum([0.1] * 10), sum([0.5, 0.25]))
print(sum(range(101)), sum([[1], [2]], []), sum((x for x in range(4)), start=100))
try:
    max([])
except ValueError as e:
    print("ValueError:", e)
try:
    min()
except TypeError as e:
    print("TypeError:", e)
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError:", e)
