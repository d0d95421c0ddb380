for i in range(3):
    pass
print(i)
for i in []:
    pass
print(i)
total = 0
for i in range(1, 11):
    if i % 3 == 0:
        continue
    if i > 8:
        break
    total += i
print(total, i)
items = ["a", "b"]
for idx in range(len(items)):
    items[idx] = items[idx].upper()
print(items)
