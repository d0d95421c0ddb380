i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("i =", i)
else:
    print("while completed normally")
n = 0
while True:
    n += 1
    if n > 3:
        break
else:
    print("not printed")
print("n =", n)
k = 10
while k > 0:
    k -= 3
    if k == 100:
        break
else:
    print("else after while, k =", k)
while False:
    pass
else:
    print("else runs even when loop never runs")
