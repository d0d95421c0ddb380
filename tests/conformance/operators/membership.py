print(2 in [1, 2, 3], 4 not in [1, 2, 3])
print("ell" in "hello", "xyz" not in "hello", "" in "abc")
d = {"a": 1, "b": 2}
print("a" in d, 1 in d, "c" not in d)
print(3 in {1, 2, 3}, 3 in (1, 2, 3))
print(5 in range(10), 10 in range(10), 4 in range(0, 10, 2), 5 in range(0, 10, 2))
print(-3 in range(0, -10, -1))
print([1] in [[1], [2]], (1, 2) in [(1, 2)])
print(1.0 in [1, 2], True in [1])
try:
    print(1 in 5)
except TypeError as e:
    print("TypeError:", e)
try:
    print(1 in "abc")
except TypeError as e:
    print("TypeError:", e)
