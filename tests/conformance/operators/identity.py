a = [1, 2]
b = a
c = [1, 2]
print(a is b, a is c, a == c, a is not c)
print(None is None, type(None) is type(None))
x = None
print(x is None, x is not None)
t = ()
print(t == (), type(a) is list)
def f():
    pass
print(f() is None)
print(id(a) == id(b), id(a) == id(c))
