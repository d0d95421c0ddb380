class A:
    pass
r = repr(A())
print(r.startswith("<__main__.A object at 0x"), r.endswith(">"))
print(str(A()) .startswith("<__main__.A object"))
print(repr(A).startswith("<class '__main__.A'>"), A)
print(type(A()), type(A))
class B(A):
    pass
print(B, B.__name__, B.__qualname__)
def f():
    class Local:
        pass
    return Local
print(f().__qualname__)
