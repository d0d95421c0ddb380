class Suppress:
    def __init__(self, *types):
        self.types = types
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        if et is not None and issubclass(et, self.types):
            print("suppressing", et.__name__, ev)
            return True
        print("not suppressing", et.__name__ if et else None)
        return False
with Suppress(ZeroDivisionError):
    print("dividing")
    1 / 0
    print("never")
print("continued after suppression")
try:
    with Suppress(KeyError):
        int("x")
except ValueError as e:
    print("propagated:", e)
with Suppress(LookupError):
    [][1]
with Suppress(Exception):
    pass
class Truthy:
    def __enter__(self):
        pass
    def __exit__(self, *args):
        return 1
with Truthy():
    raise RuntimeError("swallowed by truthy return")
print("done")
