a = [1, 2, 3, 4, 5, 6]
for x in a[:]:
    if x % 2 == 0:
        a.remove(x)
print(a)
b = [1, 2, 3]
i = 0
while i < len(b):
    if b[i] == 2:
        b.insert(i, 0)
        i += 1
    i += 1
print(b)
print([1, 2, 3] == [1, 2, 3], [1, 2] != [2, 1], [] < [0], [3] > [2, 9])
print(max([[1, 2], [1, 3], [0, 9]]), min(["b", "a", "c"]))
