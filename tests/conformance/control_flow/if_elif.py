def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
for n in (-5, 0, 3, 10, 100):
    print(n, classify(n))
x = 5
if x:
    print("truthy")
if not []:
    print("empty list is falsy")
if x > 3 and x < 10 or x == 100:
    print("in range")
if 0:
    print("never")
elif "":
    print("never either")
else:
    print("else branch")
