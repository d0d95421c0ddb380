def find(items, key):
    for k, v in items:
        if k == key:
            return v

pairs = [("a", [1, 2])]
print(find(pairs, "a")[0])
print(find(pairs, "b")[0])
