data = {}
try:
    value = data["missing"]
except KeyError:
    print("handling")
    result = 1 / 0
