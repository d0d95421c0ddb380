# Tight while loops with integer arithmetic (small ints, mod, floor-div, bit ops).
def collatz_steps(limit):
    total = 0
    n = 1
    while n < limit:
        x = n
        while x != 1:
            if x % 2 == 0:
                x = x // 2
            else:
                x = 3 * x + 1
            total += 1
        n += 1
    return total


def mix(iterations):
    h = 0
    i = 0
    while i < iterations:
        h = (h * 31 + i) & 0xFFFFFFFF
        h ^= h >> 7
        i += 1
    return h


print("checksum", collatz_steps(80000), mix(1000000))
