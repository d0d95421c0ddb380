print(str(42) + "!", str(3.0), str(-0.5), str(True))
print(int("42") + 1, float("2.5") * 2, int("  -7 "))
print(list(map(int, "1 2 3".split())))
print("".join(map(str, [1, 2, 3])))
print(str(1e-7), str(123456789.0), str(1e16), str(0.000123))
print("5" * 3, int("5" * 3))
print("x".join("123"), len(str(2 ** 100)))
try:
    int("abc")
except ValueError as e:
    print("ValueError:", e)
try:
    int("1.5")
except ValueError as e:
    print("ValueError:", e)
try:
    int("")
except ValueError as e:
    print("ValueError:", e)
try:
    float("x")
except ValueError as e:
    print("ValueError:", e)
try:
    int("12", 2)
except ValueError as e:
    print("ValueError:", e)
