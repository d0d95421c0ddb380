d = {i: i * i for i in range(6)}
del d[0]
print(d)
for k in list(d):
    if k % 2:
        del d[k]
print(d)
keys = list(d.keys())
vals = list(d.values())
print(keys, vals, list(zip(keys, vals)))
print(sum(d.values()), sum(d))
print(dict(sorted({"b": 2, "a": 1, "c": 0}.items())))
print(next(iter({"only": 1})))
