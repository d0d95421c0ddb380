def f(*args, **kwargs):
    print(args, kwargs)
f()
f(1, 2)
f(a=1)
f(1, "x", k=None, z=[1])
def g(a, b=2, *rest, c, d=4, **extra):
    print(a, b, rest, c, d, extra)
g(1, c=3)
g(1, 5, 6, 7, c=8, e=9)
nums = [1, 2, 3]
opts = {"sep": "-", "end": "!\n"}
print(*nums, **opts)
def total(*values):
    return sum(values)
print(total(*range(5)), total(*nums, 10), total())
f(*"ab", *[3], **{"x": 1}, **{"y": 2})
