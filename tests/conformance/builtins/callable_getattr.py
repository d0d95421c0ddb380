class Box:
    size = 3
    def open(self):
        return "opened"
b = Box()
print(callable(b.open), callable(Box), callable(b), callable(print), callable(5), callable(lambda: 0))
print(getattr(b, "size"), getattr(b, "color", "none"), getattr(b, "open")())
setattr(b, "color", "red")
print(b.color, hasattr(b, "color"), hasattr(b, "weight"))
delattr(b, "color")
print(hasattr(b, "color"))
try:
    getattr(b, "weight")
except AttributeError as e:
    print("AttributeError:", e)
try:
    delattr(b, "weight")
except AttributeError as e:
    print("AttributeError:", e)
print(getattr("abc", "upper")(), getattr([], "__len__")())
