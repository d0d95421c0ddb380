data = {"a": 1, "b": [10, 20]}
print(f"{data['a']} {data['b'][1]} {data}")
people = [("Ann", 31), ("Bob", 4)]
for nm, age in people:
    print(f"{nm:<6}|{age:>3}|{'adult' if age >= 18 else 'child'}")
print(f"{sum(x * x for x in range(5))}")
print(f"{', '.join(str(i) for i in range(3))}")
print(f"{(lambda v: v * 3)(7)}")
w = 3
print(f"{'x' * w}{w ** w}")
class P:
    def __init__(self):
        self.v = 5
    def __str__(self):
        return "P-str"
    def __repr__(self):
        return "P-repr"
    def __format__(self, spec):
        return "P-format[" + spec + "]"
p = P()
print(f"{p} {p!s} {p!r} {p:xyz} {p.v}")
