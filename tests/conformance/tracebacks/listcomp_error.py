values = [1, 2, 0, 4]
print("computing reciprocals")
recips = [10 // v for v in values]
print(recips)
