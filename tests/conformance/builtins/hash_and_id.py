print(hash(1) == hash(1.0), hash(0) == hash(False), hash(2 ** 10) == hash(1024))
print(hash("abc") == hash("abc"), hash((1, 2)) == hash((1, 2)))
print(hash(7), hash(-7), hash(0))
print(type(hash("x")).__name__)
a = [1]
b = a
c = [1]
print(id(a) == id(b), id(a) == id(c), id(a) != id(c))
for v in ([], {}, set()):
    try:
        hash(v)
    except TypeError as e:
        print("TypeError:", e)
