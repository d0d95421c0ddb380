def nothing():
    return
def implicit():
    x = 1
def multi():
    return 1, "two", [3]
def early(n):
    for i in range(n):
        if i == 3:
            return i
    return -1
print(nothing(), implicit(), multi(), early(10), early(2))
a, b, c = multi()
print(a, b, c)
def f():
    try:
        return "try"
    finally:
        print("finally runs before return")
print(f())
def g(x):
    if x:
        return "yes"
print(g(0), g(1))
