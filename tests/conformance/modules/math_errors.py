import math
tests = [
    lambda: math.sqrt(-1),
    lambda: math.log(0),
    lambda: math.log(-5),
    lambda: math.factorial(-1),
    lambda: math.factorial(2.5),
    lambda: math.exp(1000),
    lambda: math.floor(math.inf),
    lambda: math.comb(3, -1),
    lambda: math.sqrt("4"),
]
for t in tests:
    try:
        print(t())
    except (ValueError, OverflowError, TypeError) as e:
        print(type(e).__name__ + ":", e)
