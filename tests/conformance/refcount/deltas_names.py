import sys
a = []
base = sys.getrefcount(a)
b = a
print(sys.getrefcount(a) - base)
c = a
print(sys.getrefcount(a) - base)
del b
print(sys.getrefcount(a) - base)
c = None
print(sys.getrefcount(a) - base)
