class C:
    def m(self, x):
        return x
    def n(self):
        return 1
c = C()
for fn in [lambda: c.m(), lambda: c.m(1, 2), lambda: c.n(5), lambda: C.m(1), lambda: c.m(y=1), lambda: C()(1)]:
    try:
        fn()
    except TypeError as e:
        print("TypeError:", e)
def outer():
    def inner(a):
        return a
    return inner
try:
    outer()()
except TypeError as e:
    print("TypeError:", e)
