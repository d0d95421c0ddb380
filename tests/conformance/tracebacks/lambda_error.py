double = lambda x: x * 2 + y
print("lambda defined")
print(double(4))
