d = {}
d[1] = "int"
d["1"] = "str"
d[(1,)] = "tuple"
d[None] = "none"
d[2.5] = "float"
d[frozenset({1})] = "fs"
print(d)
print(d[1.0], d[True], d[(1,)], d[None])
print(len(d))
print(hash(1) == hash(1.0) == hash(True))
