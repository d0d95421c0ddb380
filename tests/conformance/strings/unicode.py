s = "naïve café ☃ 😀"
print(s, len(s))
for ch in "héllo":
    print(ch, ord(ch))
print(chr(233), chr(0x2603), chr(128512), chr(65))
print(ord("A"), ord("€"), ord("😀"))
print(s[6:10], s[-1])
print(s.upper())
print("€".encode("utf-8"), len("€".encode("utf-8")))
print(b"caf\xc3\xa9".decode("utf-8"))
print("ä" < "z", "Z" < "ä", sorted("bäaz"))
try:
    chr(-1)
except ValueError as e:
    print("ValueError:", e)
try:
    ord("ab")
except TypeError as e:
    print("TypeError:", e)
