import sys
a = 'Hello World'
b = a
c = a
print(sys.getrefcount(a))
