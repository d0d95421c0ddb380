counter = 5
print("ok")
print(countr)
