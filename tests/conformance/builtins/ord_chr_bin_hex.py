print(ord("a"), ord("Z"), ord(" "), ord("\n"), chr(97), chr(8364), repr(chr(0)))
print(bin(10), bin(0), bin(-10), hex(255), hex(0), hex(-1), oct(64), oct(-9))
print(bin(2 ** 65), hex(2 ** 65))
print(format(10, "b"), format(255, "x"), format(255, "X"), format(8, "o"), format(5, "08b"))
print("".join(chr(ord(c) + 1) for c in "HAL"))
try:
    bin(1.5)
except TypeError as e:
    print("TypeError:", e)
