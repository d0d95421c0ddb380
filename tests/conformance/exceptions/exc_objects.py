try:
    raise ValueError("bad value", 42)
except ValueError as e:
    print(e)
    print(repr(e))
    print(e.args, len(e.args))
try:
    raise ValueError
except ValueError as e:
    print(repr(e), "[" + str(e) + "]", e.args)
try:
    raise KeyError("key")
except KeyError as e:
    print(str(e), repr(e))
e = TypeError("made, not raised")
print(e, repr(e), type(e).__name__, isinstance(e, Exception))
print(repr(Exception()), repr(Exception("a", "b")), str(Exception("a", "b")))
print(repr(ZeroDivisionError("division by zero")))
