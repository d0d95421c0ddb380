def a():
    print("a start")
    b()
    print("a end (never)")
def b():
    print("b start")
    try:
        c()
    finally:
        print("b finally")
def c():
    print("c raises")
    raise LookupError("deep")
try:
    a()
except LookupError as e:
    print("caught at top:", e)
def safe_div(x, y):
    try:
        return x / y
    except ZeroDivisionError:
        return float("inf")
    finally:
        print(f"safe_div({x}, {y})")
print(safe_div(1, 2), safe_div(1, 0))
