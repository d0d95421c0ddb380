def f():
    try:
        return [][1]
    finally:
        print("cleanup in f")

print("go")
f()
