class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("destroy", self.name)
items = [Noisy("x"), Noisy("y"), Noisy("z")]
print("popping")
items.pop()
print("popped")
removed = items.pop(0)
print("popped first, still held")
del removed
print("clearing")
items.clear()
print("cleared")
d = {"k": Noisy("dict-val")}
d["k"] = Noisy("replacement")
print("replaced")
del d["k"]
print("deleted key")
t = [Noisy("slice-%d" % i) for i in range(3)]
del t[0:2]
print("slice deleted")
t = None
print("end")
