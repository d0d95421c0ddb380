try:
    try:
        raise KeyboardInterrupt
    except Exception:
        print("Exception does not catch it")
except BaseException as e:
    print("BaseException catches", type(e).__name__, repr(e))
try:
    try:
        raise SystemExit(5)
    except Exception:
        print("nope")
except SystemExit as e:
    print("SystemExit code", e.code)
try:
    raise GeneratorExit
except BaseException as e:
    print(type(e).__name__)
