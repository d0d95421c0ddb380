def countdown(n):
    if n == 0:
        raise ValueError("reached zero")
    return countdown(n - 1)

print("start")
countdown(3)
