class Tracer:
    def __init__(self, name):
        self.name = name
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, exc_type, exc, tb):
        print("exit", self.name, exc_type.__name__ if exc_type else None)
        return False
with Tracer("a") as t:
    print("body", t.name)
try:
    with Tracer("b"):
        raise KeyError("k")
except KeyError as e:
    print("caught", repr(e))
