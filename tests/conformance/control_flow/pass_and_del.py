def nothing():
    pass
class Empty:
    pass
for _ in range(3):
    pass
print(nothing(), Empty.__name__)
x = 10
y = [1, 2, 3]
del x
try:
    print(x)
except NameError as e:
    print("NameError:", e)
del y[0]
print(y)
a = b = 5
del a, b
try:
    b
except NameError as e:
    print("NameError:", e)
try:
    del undefined_thing
except NameError as e:
    print("NameError:", e)
