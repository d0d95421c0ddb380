# Dict work: insert, lookup, update, iteration, word counting.
WORDS = ("alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu nu xi "
         "omicron pi rho sigma tau upsilon phi chi psi omega").split()


def word_count(n):
    counts = {}
    for i in range(n):
        w = WORDS[(i * 7 + i // 3) % len(WORDS)] + str(i % 50)
        counts[w] = counts.get(w, 0) + 1
    return counts


def int_keys(n):
    d = {}
    for i in range(n):
        d[i * 31 % 10007] = i
    total = 0
    for k in range(0, 10007, 3):
        if k in d:
            total += d[k]
    return total, len(d)


def merge(n):
    base = {}
    for i in range(n):
        other = {"a" + str(i % 100): i, "b": i}
        base.update(other)
    total = 0
    for k, v in base.items():
        total += v + len(k)
    return total


checksum = 0
for _ in range(8):
    counts = word_count(200000)
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
    checksum += sum(v for _, v in top) + len(counts)
    t, size = int_keys(200000)
    checksum += t + size
    checksum += merge(100000)
print("checksum", checksum)
