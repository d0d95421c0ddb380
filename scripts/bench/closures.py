# Closures, nonlocal, lambdas and higher-order calls.
def make_counter(step):
    count = 0

    def inc():
        nonlocal count
        count += step
        return count
    return inc


def compose(f, g):
    return lambda x: f(g(x))


def apply_n(f, n, x):
    for _ in range(n):
        x = f(x)
    return x


def make_adders(k):
    return [lambda v, i=i: v + i for i in range(k)]


checksum = 0
counters = [make_counter(s) for s in range(1, 6)]
for i in range(900000):
    checksum += counters[i % 5]()
inc_then_double = compose(lambda x: x * 2 % 1000003, lambda x: x + 1)
checksum += apply_n(inc_then_double, 2000000, 1)
adders = make_adders(10)
for i in range(450000):
    checksum += adders[i % 10](i)
checksum += sum(map(lambda x: x * x % 97, range(500000)))
checksum += len(list(filter(lambda x: x % 3 == 0, range(500000))))
print("checksum", checksum)
