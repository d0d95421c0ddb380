tests = [
    lambda: f"{1:q}",
    lambda: f"{'s':d}",
    lambda: f"{1.5:d}",
    lambda: f"{[1]:>5}",
    lambda: format(3, ".2d") if False else format("x", "="),
    lambda: "{0}{}".format(1, 2),
    lambda: "{:,s}".format("x"),
]
for t in tests:
    try:
        print(t())
    except (ValueError, TypeError, IndexError) as e:
        print(type(e).__name__ + ":", e)
