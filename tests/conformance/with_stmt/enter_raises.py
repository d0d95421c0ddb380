class BadEnter:
    def __enter__(self):
        print("enter fails")
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("exit should not run")
class Good:
    def __enter__(self):
        print("good enter")
        return self
    def __exit__(self, et, ev, tb):
        print("good exit", et.__name__ if et else None)
try:
    with Good(), BadEnter():
        print("body not run")
except RuntimeError as e:
    print("caught", e)
class ExitRaises:
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        raise KeyError("from exit")
try:
    with ExitRaises():
        raise ValueError("original")
except KeyError as e:
    print("exit exception wins:", repr(e), "context:", repr(e.__context__))
try:
    with 42:
        pass
except (TypeError, AttributeError) as e:
    print(type(e).__name__, e)
