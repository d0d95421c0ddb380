class A:
    def __init__(self):
        self.present = 1
a = A()
try:
    a.missing
except AttributeError as e:
    print("AttributeError:", e)
try:
    A.nothing
except AttributeError as e:
    print("AttributeError:", e)
try:
    (5).x = 3
except AttributeError as e:
    print("AttributeError:", e)
try:
    "s".nope()
except AttributeError as e:
    print("AttributeError:", e)
try:
    None.x
except AttributeError as e:
    print("AttributeError:", e)
try:
    [].push(1)
except AttributeError as e:
    print("AttributeError:", e)
print(getattr(a, "missing", "default"), getattr(a, "present"))
del a.present
try:
    del a.present
except AttributeError as e:
    print("AttributeError:", e)
