print(round(0.5), round(1.5), round(2.5), round(-0.5), round(-1.5))
print(round(3.14159, 2), round(2.675, 2), round(1.005, 2), round(0.125, 2), round(0.375, 2))
print(round(1234.5678, -2), round(1250, -2), round(1350, -2), round(-1250, -2))
print(round(7), round(7.0), round(7.5, 0), type(round(7.5)), type(round(7.5, 0)))
print(round(1e20), round(123, 1), round(5, -1), round(15, -1), round(25, -1))
print(divmod(7, 2), divmod(-7, 2), divmod(7, -2), divmod(-7, -2))
print(divmod(7.5, 2), divmod(-7.5, 2), divmod(1, 0.3))
print(divmod(2 ** 70, 3 ** 20))
try:
    divmod(1, 0)
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e)
try:
    round(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
