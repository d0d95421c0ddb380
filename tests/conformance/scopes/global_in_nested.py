v = 0
def a():
    v = 1
    def b():
        global v
        v = 2
    b()
    return v
print(a(), v)
def counter_factory():
    n = 0
    def step():
        nonlocal n
        n += 1
        return n
    def peek():
        return n
    return step, peek
step, peek = counter_factory()
step()
step()
print(peek())
