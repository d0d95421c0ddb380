d = {"a": 1}
try:
    d["x"]
except KeyError as e:
    print("KeyError:", e)
    print(repr(e), e.args)
try:
    d[42]
except KeyError as e:
    print("caught", e)
try:
    del d["nope"]
except KeyError as e:
    print("del", e)
try:
    d.pop("gone")
except KeyError as e:
    print("pop", e)
try:
    {}.popitem()
except KeyError as e:
    print("popitem", e)
try:
    d[("t", 1)]
except KeyError as e:
    print("tuple key", e)
try:
    d[""]
except KeyError as e:
    print("empty", e)
