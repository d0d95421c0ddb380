def outer(n):
    return middle(n) + 1

def middle(n):
    value = n * 2
    return inner(value)

def inner(v):
    return v // (v - v)

print("calling")
outer(5)
