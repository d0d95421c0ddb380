# Float arithmetic: numerical integration (Simpson's rule) and a small n-body-ish update.
def f(x):
    return x * x * x - 2.0 * x * x + 0.5 * x + 1.0


def simpson(a, b, n):
    h = (b - a) / n
    s = f(a) + f(b)
    i = 1
    while i < n:
        x = a + i * h
        if i % 2 == 1:
            s += 4.0 * f(x)
        else:
            s += 2.0 * f(x)
        i += 1
    return s * h / 3.0


def orbit(steps):
    x, y, vx, vy = 1.0, 0.0, 0.0, 1.0
    dt = 0.001
    for _ in range(steps):
        r2 = x * x + y * y
        r3 = r2 * (r2 ** 0.5)
        vx -= x / r3 * dt
        vy -= y / r3 * dt
        x += vx * dt
        y += vy * dt
    return x, y


area = simpson(0.0, 3.0, 2000000)
x, y = orbit(1000000)
print("checksum", round(area, 6), round(x, 6), round(y, 6))
