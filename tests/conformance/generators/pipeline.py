def read_lines():
    for line in ["10", "x", "20", "", "30"]:
        yield line
def parse(lines):
    for line in lines:
        if line.isdigit():
            yield int(line)
def running_total(nums):
    total = 0
    for n in nums:
        total += n
        yield total
print(list(running_total(parse(read_lines()))))
def take(n, it):
    for i, v in enumerate(it):
        if i >= n:
            return
        yield v
print(list(take(3, "abcdef")))
def interleave():
    print("A")
    yield 1
    print("B")
    yield 2
    print("C")
for x in interleave():
    print("loop", x)
