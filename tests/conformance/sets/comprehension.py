print({x % 5 for x in range(20)})
print({x * x for x in [-2, -1, 0, 1, 2]})
print(sorted({c.lower() for c in "Hello World" if c.isalpha()}))
print(set(), set([]), len(set("mississippi")))
evens = {n for n in range(10) if n % 2 == 0}
odds = set(range(10)) - evens
print(evens, odds)
print(sum({1, 2, 3}), max({5, 9, 2}), sorted({3, 1, 2}, reverse=True))
