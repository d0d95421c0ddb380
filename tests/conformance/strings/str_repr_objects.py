values = [1, -2.5, "text", 'quo"te', "it's", None, True, [1, "a"], (1,), {"k": "v"}, {1}, 1e100, 2**64, "", "\n"]
for v in values:
    print(str(v), repr(v), sep=" || ")
print(str(b"bytes"), repr(b"a'b"))
print(str(range(5)), repr(range(1, 10, 2)))
print(str(int), str(str), repr(len))
