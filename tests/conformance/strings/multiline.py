text = """The quick brown fox
jumps over
the lazy dog"""
lines = text.split("\n")
print(len(lines))
for n, line in enumerate(lines, 1):
    print(f"{n}: {line} ({len(line.split())} words)")
print(text.count("o"), text.upper().splitlines()[-1])
longest = max(text.split(), key=len)
print(longest)
s = ("implicit "
     "concatenation "
     "works")
print(s)
print("back\
slash continuation")
