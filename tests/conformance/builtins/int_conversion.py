print(int(), int(3.7), int(-3.7), int("42"), int(" 7 "), int("-0010"))
print(int("ff", 16), int("777", 8), int("1010", 2), int("0x1f", 0), int("z", 36))
print(int(True), int(2 ** 80 + 0.0))
print(int("1_000_000"))
for bad in ["3.5", "abc", "", " ", "1e5", "0x10"]:
    try:
        int(bad)
    except ValueError as e:
        print("ValueError:", e)
try:
    int("9", 8)
except ValueError as e:
    print("ValueError:", e)
try:
    int(float("inf"))
except OverflowError as e:
    print("OverflowError:", e)
try:
    int(float("nan"))
except ValueError as e:
    print("ValueError:", e)
