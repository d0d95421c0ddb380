s = "hello world, hello"
print(s.find("hello"), s.rfind("hello"), s.find("xyz"), s.find("o", 5), s.find("o", 5, 7))
print(s.index("world"), s.rindex("l"), s.count("l"), s.count("hello"), s.count(""))
print("aaaa".count("aa"))
print(s.startswith("hell"), s.endswith("hello"), s.startswith(("x", "h")), s.endswith(("a", "b")))
print(s.startswith("world", 6))
try:
    s.index("xyz")
except ValueError as e:
    print("ValueError:", e)
try:
    s.rindex("q")
except ValueError as e:
    print("ValueError:", e)
