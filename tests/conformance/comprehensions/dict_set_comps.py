print({x: x ** 2 for x in range(5)})
print({w: len(w) for w in "the quick brown fox".split()})
print({k: v for k, v in zip("abc", [1, 2, 3]) if v != 2})
inv = {v: k for k, v in {"one": 1, "two": 2, "uno": 1}.items()}
print(inv)
print({x % 4 for x in range(10)})
print(sorted({w.lower() for w in ["A", "a", "B", "b", "c"]}))
print({(i, j): i * j for i in range(1, 3) for j in range(1, 3)})
nested = {outer: {inner: outer * inner for inner in range(2)} for outer in range(3)}
print(nested)
