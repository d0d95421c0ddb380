def countdown(n):
    print("starting")
    while n > 0:
        yield n
        n -= 1
    print("done")
for v in countdown(3):
    print("got", v)
g = countdown(2)
print(type(g).__name__)
print(next(g))
print(next(g))
try:
    next(g)
except StopIteration:
    print("exhausted")
print(list(countdown(0)))
