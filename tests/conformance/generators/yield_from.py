def inner(n):
    for i in range(n):
        yield i
def outer():
    yield "start"
    yield from inner(3)
    yield from "xy"
    yield from [10, 20]
    yield "end"
print(list(outer()))
def flatten(items):
    for it in items:
        if isinstance(it, list):
            yield from flatten(it)
        else:
            yield it
print(list(flatten([1, [2, [3, [4]], 5], [[6]]])))
