try:
    import nonexistent
except ModuleNotFoundError as e:
    print("ModuleNotFoundError:", e)
    print(e.name, isinstance(e, ImportError))
try:
    from math import no_such_function
except ImportError as e:
    print(type(e).__name__, str(e).startswith("cannot import name 'no_such_function' from 'math'"))
try:
    import math
    math.no_attr
except AttributeError as e:
    print("AttributeError:", e)
