class V:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __repr__(self):
        return f"V({self.x!r}, {self.y!r})"
class Named:
    def __init__(self, n):
        self.n = n
    def __str__(self):
        return f"Named<{self.n}>"
    def __repr__(self):
        return f"Named({self.n!r})"
class OnlyStr:
    def __str__(self):
        return "only-str"
v = V(1, "a")
print(v)
print(str(v), repr(v), [v, v], (v,), {"k": v})
n = Named("bob")
print(n, [n], f"{n}", f"{n!r}", str([n]))
print(OnlyStr())
print("%s %r" % (n, n))
