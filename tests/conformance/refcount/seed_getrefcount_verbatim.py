import sys

a = 'Hello World'
b = a
c = a

sys.getrefcount(a) # outputs 4
