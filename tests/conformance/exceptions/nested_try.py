def level(n):
    try:
        try:
            if n == 1:
                raise KeyError("inner")
            if n == 2:
                raise TypeError("middle")
            if n == 3:
                raise IndexError("outer")
            print("no error")
        except KeyError as e:
            print("inner handler", repr(e))
            raise RuntimeError("converted")
        finally:
            print("inner finally")
    except (TypeError, RuntimeError) as e:
        print("outer handler", type(e).__name__, e)
    except IndexError:
        print("index handler")
    finally:
        print("outer finally")
for n in range(4):
    level(n)
