def check(exc):
    try:
        raise exc
    except (KeyError, IndexError) as e:
        print("lookup-ish:", type(e).__name__)
    except ArithmeticError as e:
        print("arith:", type(e).__name__)
    except Exception as e:
        print("other:", type(e).__name__)
for exc in [KeyError("k"), IndexError("i"), ZeroDivisionError(), OverflowError(), ValueError(), TypeError()]:
    check(exc)
try:
    {}["x"]
except LookupError as e:
    print("LookupError caught KeyError:", repr(e))
try:
    [][0]
except LookupError as e:
    print("LookupError caught IndexError:", e)
try:
    1 / 0
except ArithmeticError as e:
    print("ArithmeticError caught:", type(e).__name__, e)
try:
    raise ValueError("first")
except Exception:
    print("first matching clause wins")
except ValueError:
    print("never")
