five = 5
nothing = None
small_set = {1, 2}
tests = [
    lambda: 1 / 0,
    lambda: 5 // 0,
    lambda: 5 % 0,
    lambda: [1, 2][5],
    lambda: undefined_name,
    lambda: 1 + "a",
    lambda: "a" + 1,
    lambda: five[0],
    lambda: nothing(),
    lambda: int("abc"),
    lambda: float("x"),
    lambda: iter(5),
    lambda: next(iter([])),
    lambda: {}["missing"],
    lambda: "abc".index("z"),
    lambda: [].pop(),
    lambda: (1, 2).append(3),
    lambda: len(None),
    lambda: "x" * "y",
    lambda: sorted([1, None]),
    lambda: small_set[0],
    lambda: int(None),
    lambda: chr(1114112),
    lambda: list(1),
    lambda: hash([]),
    lambda: max([]),
    lambda: "abc"[1:2:0],
]
for t in tests:
    try:
        t()
    except Exception as e:
        print(f"{type(e).__name__}: {e}")
