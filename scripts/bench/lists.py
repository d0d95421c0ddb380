# List work: append, index, sort, comprehensions, slicing, iteration.
def lcg(seed):
    return (seed * 1103515245 + 12345) % 2147483648


def make(n, seed):
    out = []
    for _ in range(n):
        seed = lcg(seed)
        out.append(seed % 100000)
    return out, seed


checksum = 0
seed = 42
for round_ in range(40):
    data, seed = make(30000, seed)
    data.sort()
    checksum += data[len(data) // 2]
    evens = [x for x in data if x % 2 == 0]
    squares = [x * x % 1000 for x in evens]
    checksum += sum(squares[::3]) + len(evens)
    rev = data[::-1]
    checksum += rev[0] - rev[-1]
    chunk = data[1000:2000]
    checksum += chunk.index(chunk[500]) + sorted(chunk, key=lambda v: -v)[0]
    stack = []
    for x in data[:20000]:
        if x % 3 == 0 and stack:
            checksum += stack.pop()
        else:
            stack.append(x)
    checksum %= 1000000007
print("checksum", checksum)
