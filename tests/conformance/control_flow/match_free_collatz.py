def collatz(n):
    steps = 0
    while n != 1:
        if n % 2 == 0:
            n //= 2
        else:
            n = 3 * n + 1
        steps += 1
    return steps
best = max(range(1, 1000), key=collatz)
print(best, collatz(best))
print([collatz(n) for n in range(1, 11)])
