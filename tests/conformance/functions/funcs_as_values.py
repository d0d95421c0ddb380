def shout(s):
    return s.upper() + "!"
def whisper(s):
    return s.lower() + "..."
for fn in (shout, whisper):
    print(fn.__name__, fn("Hello"))
table = {"s": shout, "w": whisper}
print(table["s"]("x"))
alias = shout
print(alias("y"), alias is shout, alias == whisper)
print(callable(shout), callable("shout"))
def make(kind):
    def f():
        return kind
    f.__name__ = "made_" + kind
    return f
m = make("k")
print(m(), m.__name__)
def attrs():
    pass
attrs.note = "stored"
print(attrs.note)
