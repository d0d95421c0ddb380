def run(fail):
    print("--- fail =", fail)
    try:
        print("try start")
        if fail:
            raise ValueError("boom")
        print("try end")
    except ValueError as e:
        print("except", e)
    else:
        print("else")
    finally:
        print("finally")
    print("after")
run(False)
run(True)
try:
    print("only finally")
finally:
    print("cleanup")
try:
    x = 1
except Exception:
    print("no")
else:
    print("else without finally")
