import sys
def count_inside(obj):
    return sys.getrefcount(obj)
x = []
outside = sys.getrefcount(x)
inside = count_inside(x)
print(inside - outside)
y = x
print(count_inside(x) - outside)
