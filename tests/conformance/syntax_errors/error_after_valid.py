print("line 1")
print("line 2")
x = 5
y = x +
print("never runs")
