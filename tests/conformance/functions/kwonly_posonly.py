def kw(a, *, b, c=3):
    return a + b + c
print(kw(1, b=2), kw(1, b=2, c=0))
def pos(a, b, /, c):
    return a * 100 + b * 10 + c
print(pos(1, 2, 3), pos(1, 2, c=3))
def mixed(a, /, b, *, c):
    return (a, b, c)
print(mixed(1, 2, c=3), mixed(1, b=2, c=3))
try:
    kw(1, 2)
except TypeError as e:
    print("TypeError:", e)
try:
    kw(1)
except TypeError as e:
    print("TypeError:", e)
try:
    pos(a=1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)
try:
    mixed(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
