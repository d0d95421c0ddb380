a = 2 ** 100
b = 3 ** 50
print(a + b, a - b, a * b)
print(a // b, a % b)
print(a / b)
print(-a // 7, -a % 7)
print(a ** 3)
print(a == 2 ** 100, a > b, a < b)
print(a >> 50, a << 10, a & (2**64 - 1), a | 1, a ^ a)
print(-a >> 3)
f = 1
for i in range(1, 31):
    f *= i
print(f)
print(len(str(2 ** 1000)))
print(sum(int(d) for d in str(2 ** 1000)))
print(10 ** 25 + 0.5)
print(2 ** 63, -2 ** 63, 2 ** 63 - 1)
print(9999999999999999999 + 1)
print(abs(-a), -(-a) == a)
