print(float(), float(3), float("3.5"), float("  3.5 "), float("-2"), float("1e3"), float(".5"))
print(float("inf"), float("-inf"), float("Infinity"), float("nan"), float("1_000.5"))
print(float(2 ** 60), float(True))
for bad in ["x", "", "1.2.3", "1,5"]:
    try:
        float(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    float(10 ** 400)
except OverflowError as e:
    print("OverflowError:", e)
print(str(float("1e500")))
