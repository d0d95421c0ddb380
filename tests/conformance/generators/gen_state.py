def counter():
    count = 0
    while True:
        received = yield count
        if received is not None:
            count = received
        else:
            count += 1
c = counter()
print(next(c), next(c), c.send(10), next(c))
def squares(n):
    for i in range(n):
        yield i * i
g = squares(4)
print(sum(g), sum(g))
g2 = squares(3)
print(iter(g2) is g2, list(zip(g2, "abc")))
