def gen():
    yield 1
    yield 2
    return "final"
g = gen()
print(next(g), next(g))
try:
    next(g)
except StopIteration as e:
    print("StopIteration value:", e.value)
def delegator():
    result = yield from gen()
    print("delegated result:", result)
    yield 3
print(list(delegator()))
