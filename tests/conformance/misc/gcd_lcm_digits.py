def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
def lcm(a, b):
    return a * b // gcd(a, b)
print(gcd(48, 18), gcd(17, 5), lcm(4, 6))
result = 1
for k in range(1, 21):
    result = lcm(result, k)
print(result)
def digits(n):
    return [int(c) for c in str(n)]
print(digits(9075), sum(digits(2 ** 100)))
def is_palindrome(s):
    cleaned = [c.lower() for c in s if c.isalnum()]
    return cleaned == cleaned[::-1]
print(is_palindrome("A man, a plan, a canal: Panama"), is_palindrome("hello"))
print([n for n in range(100, 200) if str(n) == str(n)[::-1]])
