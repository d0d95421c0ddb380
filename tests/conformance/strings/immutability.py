s = "hello"
t = s
s += " world"
print(s, t)
s2 = s.upper()
print(s, s2)
try:
    s[0] = "H"
except TypeError as e:
    print(e)
try:
    del s[0]
except TypeError as e:
    print(e)
print(s.capitalize() == "Hello world", s is not s2)
try:
    "abc".foo()
except AttributeError as e:
    print(e)
