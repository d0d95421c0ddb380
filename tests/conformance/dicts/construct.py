print(dict(a=1, b=2))
print(dict([("x", 1), ("y", 2)]))
print(dict(zip("abc", range(3))))
print(dict({"k": 1}, extra=2))
print({k: k * k for k in range(5)})
print({v: k for k, v in {"a": 1, "b": 2}.items()})
print(dict(), {})
d = {1: "int", 1.0: "float", True: "bool"}
print(d)
print({"dup": 1, "dup": 2})
try:
    dict([1, 2])
except TypeError as e:
    print("TypeError:", e)
try:
    {[1]: 2}
except TypeError as e:
    print("TypeError:", e)
