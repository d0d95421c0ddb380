for ch in "hey":
    print(ch)
for k in {"x": 1, "y": 2}:
    print(k)
for k, v in {"x": 1, "y": 2}.items():
    print(k, v)
for t in (1, "a", None):
    print(t)
for a, b in zip([1, 2, 3], "ab"):
    print(a, b)
for i, ch in enumerate("xy", start=10):
    print(i, ch)
try:
    for z in 42:
        pass
except TypeError as e:
    print("TypeError:", e)
