# String work: concatenation, join, split, f-strings, methods, slicing.
def build(n):
    parts = []
    for i in range(n):
        parts.append(f"item-{i:05d}:{i * 7 % 13}")
    return ",".join(parts)


def process(text):
    total = 0
    for field in text.split(","):
        name, value = field.split(":")
        if name.endswith("7"):
            total += int(value)
        total += len(name.upper().replace("ITEM", "x"))
    return total


def concat(n):
    s = ""
    for i in range(n):
        s += str(i % 10)
        if len(s) > 1000:
            s = s[500:]
    return s


def words(n):
    count = 0
    sentence = "The quick brown fox jumps over the lazy dog"
    for i in range(n):
        w = sentence.lower().split()
        count += len(w[i % len(w)].strip("o").center(9, "*"))
        if sentence.find("lazy") > 0 and sentence.startswith("The"):
            count += 1
    return count


checksum = 0
for _ in range(20):
    text = build(20000)
    checksum += process(text)
checksum += len(concat(800000))
checksum += words(400000)
print("checksum", checksum)
