import sys
class Holder:
    pass
class Store:
    def __init__(self):
        self.items = []
    def keep(self, obj):
        self.items.append(obj)
x = []
base = sys.getrefcount(x)
h = Holder()
h.value = x
print("attribute", sys.getrefcount(x) - base)
s = Store()
s.keep(x)
print("stored by method", sys.getrefcount(x) - base)
def look(obj):
    return 0
look(x)
print("after call that does not store", sys.getrefcount(x) - base)
del h.value
s.items.clear()
print("released", sys.getrefcount(x) - base)
del h
print("done", sys.getrefcount(x) - base)
