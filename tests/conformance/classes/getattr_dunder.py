class Proxy:
    def __init__(self, target):
        self._target = target
    def __getattr__(self, name):
        print("forwarding", name)
        return getattr(self._target, name)
p = Proxy([3, 1, 2])
p.append(0)
p.sort()
print(p._target)
try:
    p.nonexistent
except AttributeError as e:
    print("AttributeError:", e)
class Rec:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value)
r = Rec()
r.a = 1
r.b = r.a + 1
print(r.a, r.b)
