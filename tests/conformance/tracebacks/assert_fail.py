def check(x):
    assert x > 0, "x must be positive"
    return x

print(check(3))
check(-1)
