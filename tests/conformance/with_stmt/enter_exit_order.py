class CM:
    def __init__(self, name):
        self.name = name
        print("init", name)
    def __enter__(self):
        print("enter", self.name)
        return self.name.upper()
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et is None, ev is None, tb is None)
with CM("one") as v:
    print("body with", v)
print("after with")
with CM("a") as x, CM("b") as y:
    print("body", x, y)
with CM("outer"):
    with CM("inner"):
        print("nested body")
with CM("no-as"):
    pass
