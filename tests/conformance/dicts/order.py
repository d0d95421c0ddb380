d = {}
for k in ["zebra", "apple", "mango", "kiwi"]:
    d[k] = len(k)
print(d)
for k in d:
    print(k, d[k])
del d["apple"]
d["apple"] = 0
print(list(d.keys()))
d["zebra"] = 99
print(d)
for k, v in d.items():
    print(f"{k}={v}", end=" ")
print()
print(sorted(d), sorted(d.items(), key=lambda kv: kv[1]))
print(max(d, key=d.get), min(d.values()))
