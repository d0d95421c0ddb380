x = 10
print(eval("x * 2 + 1"))
exec("y = x + 5\nprint('in exec', y)")
print(y)
def f(a):
    return eval("a + 1")
print(f(41))
ns = {}
exec("def g(): return 7", ns)
print(ns["g"]())
c = compile("3 ** 2", "<expr>", "eval")
print(eval(c))
try:
    eval("1 +")
except SyntaxError as e:
    print("SyntaxError:", e.msg, e.lineno)
