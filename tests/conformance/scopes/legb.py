x = "global"
def outer():
    x = "enclosing"
    def inner():
        x = "local"
        print("inner:", x)
    inner()
    print("outer:", x)
outer()
print("module:", x)
def reads_global():
    print("reads:", x)
reads_global()
def uses_builtin():
    return len("abc")
print(uses_builtin())
def shadows_builtin():
    len = lambda s: 42
    return len("abc")
print(shadows_builtin(), len("abc"))
def enclosing_read():
    y = 5
    def f():
        return y * 2
    return f()
print(enclosing_read())
