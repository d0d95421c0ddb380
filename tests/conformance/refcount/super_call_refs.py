import sys
class Base:
    def add(self, item): pass
class Child(Base):
    def add(self, item): super().add(item)
x = object(); c = Child(); before = sys.getrefcount(x); bc = sys.getrefcount(c)
c.add(x)
print(sys.getrefcount(x) - before, sys.getrefcount(c) - bc)
class C2(Base):
    def add(self, item):
        s = super()
        s.add(item)
c2 = C2(); b2 = sys.getrefcount(c2); before = sys.getrefcount(x)
c2.add(x)
print(sys.getrefcount(x) - before, sys.getrefcount(c2) - b2)
