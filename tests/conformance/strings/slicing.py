s = "abcdefghij"
print(s[0], s[-1], s[3:7], s[:3], s[7:], s[:], s[::2], s[1::3])
print(s[::-1], s[8:2:-1], s[-3:], s[:-3], s[-3:-1], s[::-2])
print(repr(s[5:2]), repr(s[100:]), s[-100:3], s[2:100])
print(s[8:2:-2], s[:2:-1], s[2::-1])
try:
    s[10]
except IndexError as e:
    print("IndexError:", e)
try:
    s[-11]
except IndexError as e:
    print("IndexError:", e)
try:
    s[0] = "z"
except TypeError as e:
    print("TypeError:", e)
try:
    s["1"]
except TypeError as e:
    print("TypeError:", e)
try:
    s[::0]
except ValueError as e:
    print("ValueError:", e)
