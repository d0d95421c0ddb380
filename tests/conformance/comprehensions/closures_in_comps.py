fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs2 = [lambda i=i: i for i in range(3)]
print([f() for f in fs2])
adders = {n: (lambda x, n=n: x + n) for n in range(3)}
print({k: f(10) for k, f in adders.items()})
def make():
    base = 100
    return [base + j for j in range(3)]
print(make())
factor = 3
print([factor * x for x in range(4)])
gen_fs = list((lambda: k) for k in "ab")
print([g() for g in gen_fs])
