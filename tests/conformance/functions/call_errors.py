def f(a, b):
    return a + b
def g(a, b=1, *, c):
    return a
tests = [
    lambda: f(1),
    lambda: f(),
    lambda: f(1, 2, 3),
    lambda: f(1, 2, z=3),
    lambda: f(1, a=2),
    lambda: g(1),
    lambda: g(1, 2, 3, c=4),
    lambda: g(),
    lambda: (lambda x: x)(),
    lambda: len(),
    lambda: len(1, 2),
    lambda: len(5),
    lambda: abs("x"),
    lambda: int(1, 2, 3),
    lambda: "abc".upper(1),
    lambda: [].append(),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print("TypeError:", e)
