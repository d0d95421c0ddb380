class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, o):
        return self.k == o.k
    def __hash__(self):
        return hash(self.k)
d = {Key(1): "one"}
print(d[Key(1)], Key(2) in d, len({Key(1), Key(1), Key(2)}))
class EqOnly:
    def __eq__(self, o):
        return True
try:
    hash(EqOnly())
except TypeError as e:
    print("TypeError:", e)
class Empty:
    def __init__(self, n):
        self.n = n
    def __bool__(self):
        return self.n > 0
class Sized:
    def __len__(self):
        return 0
print(bool(Empty(1)), bool(Empty(0)), bool(Sized()), "yes" if Empty(5) else "no")
print(not Empty(0), Empty(0) or "fallback")
