x = 10
def f():
    print(x)
    x = 5
try:
    f()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
def g():
    x += 1
try:
    g()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
print(issubclass(UnboundLocalError, NameError))
def h(flag):
    if flag:
        y = 1
    return y
print(h(True))
try:
    h(False)
except NameError as e:
    print(type(e).__name__, e)
def outer():
    z = 1
    def inner():
        print(z)
    del z
    inner()
try:
    outer()
except NameError as e:
    print(type(e).__name__, e)
