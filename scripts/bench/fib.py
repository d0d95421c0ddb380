# Recursive calls: function call overhead, integer compare/add.
def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


total = 0
for n in range(25, 33):
    total += fib(n)
print("checksum", total)
