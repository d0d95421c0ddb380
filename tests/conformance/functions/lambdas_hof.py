square = lambda x: x * x
print(square(7), (lambda: "no args")(), (lambda a, b=2: a * b)(3))
def apply(f, *args):
    return f(*args)
print(apply(max, 3, 9, 2), apply(lambda s: s[::-1], "abc"))
def compose(f, g):
    return lambda x: f(g(x))
inc_then_sq = compose(square, lambda x: x + 1)
print(inc_then_sq(4))
print(list(map(lambda x: x * 2, [1, 2, 3])))
print(list(filter(lambda x: x % 3 == 0, range(10))))
print(sorted(["bb", "a", "ccc"], key=lambda s: -len(s)))
ops = {"+": lambda a, b: a + b, "-": lambda a, b: a - b, "*": lambda a, b: a * b}
for sym, fn in ops.items():
    print(f"6 {sym} 3 = {fn(6, 3)}")
funcs = [len, str.upper, abs]
print(funcs[0]("four"), funcs[1]("up"), funcs[2](-1))
print(square.__name__, apply.__name__)
