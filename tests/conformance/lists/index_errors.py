a = [10, 20, 30]
print(a[0], a[-1], a[-3])
for i in (3, -4, 100):
    try:
        print(a[i])
    except IndexError as e:
        print("IndexError:", e)
try:
    a[5] = 1
except IndexError as e:
    print("IndexError:", e)
try:
    del a[7]
except IndexError as e:
    print("IndexError:", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError:", e)
try:
    a.pop(10)
except IndexError as e:
    print("IndexError:", e)
try:
    a.remove(99)
except ValueError as e:
    print("ValueError:", e)
try:
    a.index(99)
except ValueError as e:
    print("ValueError:", e)
try:
    a["0"]
except TypeError as e:
    print("TypeError:", e)
try:
    a[1.0]
except TypeError as e:
    print("TypeError:", e)
