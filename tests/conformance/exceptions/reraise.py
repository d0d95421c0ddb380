def risky():
    raise ValueError("original")
def wrapper():
    try:
        risky()
    except ValueError:
        print("logging and re-raising")
        raise
try:
    wrapper()
except ValueError as e:
    print("outer got:", e)
def rethrow_as():
    try:
        risky()
    except ValueError as e:
        raise e
try:
    rethrow_as()
except ValueError as e:
    print("again:", e)
try:
    raise
except RuntimeError as e:
    print("RuntimeError:", e)
