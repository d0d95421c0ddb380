class A:
    def __init__(self):
        print("A init")
        self.trail = ["A"]
    def who(self):
        return "A"
class B(A):
    def __init__(self):
        print("B init start")
        super().__init__()
        self.trail.append("B")
        print("B init end")
    def who(self):
        return "B>" + super().who()
class C(B):
    def who(self):
        return "C>" + super().who()
c = C()
print(c.trail, c.who())
class D(A):
    def __init__(self, x):
        self.x = x
d = D(5)
print(d.x, hasattr(d, "trail"))
