def sieve(n):
    is_prime = [True] * (n + 1)
    is_prime[0] = is_prime[1] = False
    p = 2
    while p * p <= n:
        if is_prime[p]:
            for m in range(p * p, n + 1, p):
                is_prime[m] = False
        p += 1
    return [i for i, v in enumerate(is_prime) if v]
primes = sieve(100)
print(primes)
print(len(sieve(10000)), sum(sieve(1000)))
twins = [(p, p + 2) for p in primes if p + 2 in primes]
print(twins)
