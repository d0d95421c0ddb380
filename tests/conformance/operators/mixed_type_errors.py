tests = [
    lambda: 1 + "a",
    lambda: "a" + 1,
    lambda: [1] + "a",
    lambda: 1 < "a",
    lambda: None + 1,
    lambda: {} + {},
    lambda: -"x",
    lambda: ~1.5,
    lambda: 3 // 0,
    lambda: 3 % 0,
    lambda: 3.0 / 0,
    lambda: 3.0 // 0.0,
    lambda: 1.5 % 0,
    lambda: [1, 2] < [1, "x"],
    lambda: 1 & 1.0,
]
for t in tests:
    try:
        t()
    except Exception as e:
        print(type(e).__name__ + ":", e)
