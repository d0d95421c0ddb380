print(12 & 10, 12 | 10, 12 ^ 10, ~12)
print(~0, ~-1, ~5)
print(-12 & 10, -12 | 10, -12 ^ 10)
print(-1 & 0xff, -256 & 0xff)
print(1 << 0, 1 << 10, 1 << 64)
print(1024 >> 3, -1024 >> 3, -1 >> 10, -5 >> 1)
print(5 >> 100, -5 >> 100)
print(0b1010 & 0b0110, bin(0b1010 | 0b0110))
x = 0
for i in range(8):
    x |= 1 << i
print(x)
try:
    1 << -1
except ValueError as e:
    print("ValueError:", e)
print(True & False, True | False, True ^ True)
