import sys
def depth(n):
    return n if n == 0 else 1 + depth(n - 1)
print(depth(500))
old = sys.getrecursionlimit()
sys.setrecursionlimit(3000)
print(depth(2500))
sys.setrecursionlimit(old)
try:
    depth(5000)
except RecursionError as e:
    print(type(e).__name__)
print(sys.getrecursionlimit() == old)
