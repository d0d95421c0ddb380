s = ""
for i in range(10):
    s += str(i)
print(s)
parts = []
for word in ["alpha", "beta", "gamma"]:
    parts.append(word[0].upper() + word[1:])
print(" ".join(parts))
rows = []
for r in range(1, 5):
    rows.append(" ".join(str(r * c).rjust(3) for c in range(1, 5)))
print("\n".join(rows))
tri = ""
for i in range(1, 5):
    tri += " " * (4 - i) + "*" * (2 * i - 1) + "\n"
print(tri, end="")
def caesar(text, shift):
    out = []
    for ch in text:
        if ch.isalpha():
            base = ord("A") if ch.isupper() else ord("a")
            out.append(chr((ord(ch) - base + shift) % 26 + base))
        else:
            out.append(ch)
    return "".join(out)
enc = caesar("Hello, World!", 3)
print(enc, caesar(enc, -3))
