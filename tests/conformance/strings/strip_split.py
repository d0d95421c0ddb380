s = "   padded text \t\n"
print(repr(s.strip()), repr(s.lstrip()), repr(s.rstrip()))
print("xxhixx".strip("x"), "abcba".strip("ab"), "--a--".lstrip("-"), "--a--".rstrip("-"))
print("a b  c\td\ne".split())
print("a,b,,c".split(","))
print("a,b,c,d".split(",", 2))
print("a,b,c,d".rsplit(",", 2))
print("  lead and trail  ".split())
print("".split(), "".split(","))
print("one::two::three".split("::"))
print("a b c d".split(None, 1), "a b c d".rsplit(None, 1))
print("line1\nline2\r\nline3\n".splitlines())
print("x\n\ny".splitlines(), "x\ny\n".splitlines(True))
try:
    "abc".split("")
except ValueError as e:
    print("ValueError:", e)
