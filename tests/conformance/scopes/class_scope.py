x = "global x"
class C:
    x = "class x"
    y = x + "!"
    def method(self):
        return x
    def method2(self):
        return self.x
    items = [x for _ in range(1)]
print(C.y)
print(C().method())
print(C().method2())
print(C.items)
class D:
    a = 1
    b = [a * 2]
    try:
        c = [a + i for i in range(2)]
    except NameError as e:
        err = str(e)
print(D.b, D.err)
