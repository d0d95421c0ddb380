print(", ".join(["a", "b", "c"]))
print("".join(["x", "y"]), "-".join("abc"), "|".join([]))
print(" ".join(str(i) for i in range(5)))
print("aaa".replace("a", "b"), "aaa".replace("a", "b", 2), "abc".replace("", "-"))
print("hello world".replace("o", "0").replace("l", "1"))
print("banana".replace("na", ""))
try:
    ", ".join([1, 2])
except TypeError as e:
    print("TypeError:", e)
