import sys
x = object()
base = sys.getrefcount(x)
lst = []
lst.append(x)
print("after append", sys.getrefcount(x) - base)
lst.append(x)
print("after 2nd append", sys.getrefcount(x) - base)
lst.pop()
print("after pop", sys.getrefcount(x) - base)
d = {"k": x}
print("dict value", sys.getrefcount(x) - base)
t = (x, x, x)
print("tuple of 3", sys.getrefcount(x) - base)
del t
d.clear()
lst.clear()
print("all cleared", sys.getrefcount(x) - base)
