x = "outer"
squares = [x for x in range(4)]
print(x, squares)
gen = list(y * 2 for y in range(3))
try:
    print(y)
except NameError as e:
    print("NameError:", e)
n = 10
print([n + i for i in range(3)])
print({k: n for k in "ab"})
def f():
    z = 3
    return [z * i for i in range(3)]
print(f())
print([i for i in range(3)], [[i, j] for i in range(2) for j in range(i, 2)])
