d = {"x": 1, "y": 2, "z": 3}
print([k for k in d], [v for v in d.values()], [k * v for k, v in d.items()])
print([c for c in "a1b2c3" if c.isdigit()])
print([n for n in range(10, 0, -3)])
print([t[1] for t in [(1, "a"), (2, "b")]])
print([s.strip() for s in " a , b ,c ".split(",")])
print([i for i, v in enumerate("hello") if v == "l"])
print([a + b for a, b in zip([1, 2], [10, 20])])
print([str(x) for x in {3, 1, 2}])
