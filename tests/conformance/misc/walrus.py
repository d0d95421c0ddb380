data = [3, 1, 4, 1, 5, 9, 2, 6]
idx = 0
while (val := data[idx]) != 9:
    idx += 1
print("found 9 at", idx, val)
if (n := len(data)) > 5:
    print("long list", n)
print([y for x in data if (y := x * 2) > 6])
chunks = []
it = iter(range(10))
while chunk := [v for _, v in zip(range(3), it)]:
    chunks.append(chunk)
print(chunks)
