numbers = ["1", "2", "three", "4"]
total = 0
for n in numbers:
    total += int(n)
    print("running total", total)
