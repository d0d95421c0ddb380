print("ab" * 3, 3 * "ab", "x" * 0, "x" * -2)
print([1, 2] + [3], [0] * 5, [1, 2] * 2, [] * 10)
print((1,) + (2, 3), (1, 2) * 2)
a = [[0] * 2] * 2
a[0][0] = 9
print(a)
s = "abc"
s += "def"
print(s)
lst = [1]
lst += [2, 3]
lst *= 2
print(lst)
print([1, 2, 3][::-1], "hello"[1:4])
try:
    print([1] + (2,))
except TypeError as e:
    print("TypeError:", e)
try:
    print("a" * 2.5)
except TypeError as e:
    print("TypeError:", e)
try:
    print("a" - "b")
except TypeError as e:
    print("TypeError:", e)
