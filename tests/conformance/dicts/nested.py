db = {"alice": {"age": 30, "tags": ["a", "b"]}, "bob": {"age": 25, "tags": []}}
db["bob"]["tags"].append("new")
db["carol"] = {"age": 41, "tags": ["x"]}
print(db)
for name, info in db.items():
    print(name, info["age"], len(info["tags"]))
print({n: i["age"] for n, i in db.items() if i["age"] > 28})
print(db["alice"]["tags"][-1])
d = {}
d[1] = d.get(1, {})
d[1]["x"] = 5
print(d)
