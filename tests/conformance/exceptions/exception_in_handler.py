try:
    try:
        raise ValueError("first")
    except ValueError:
        raise TypeError("second")
    finally:
        print("inner finally")
except TypeError as e:
    print("got", e, "context:", repr(e.__context__))
try:
    try:
        raise KeyError("a")
    finally:
        print("finally with pending exception")
except KeyError as e:
    print("propagated", e)
def g():
    try:
        raise ValueError
    except ValueError:
        return "returned from handler"
print(g())
