t = (1, 2, (3, 4), [5])
print(3 in t, (3, 4) in t, [5] in t, 5 in t)
t[3].append(6)
print(t)
for item in t:
    print(item, type(item).__name__)
print(len(()), () == tuple(), bool(()), bool((0,)))
