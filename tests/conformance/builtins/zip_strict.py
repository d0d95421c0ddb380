print(list(zip([1, 2], "ab", strict=True)))
for a, b in [([1, 2], [1]), ([1], [1, 2]), ([1, 2, 3], [1, 2, 3])]:
    try:
        print(list(zip(a, b, strict=True)))
    except ValueError as e:
        print("ValueError:", e)
try:
    list(zip([1, 2], [1, 2], [1], strict=True))
except ValueError as e:
    print("ValueError:", e)
try:
    list(zip([1], [1], [1, 2], strict=True))
except ValueError as e:
    print("ValueError:", e)
print(list(zip([1, 2], [1])))
