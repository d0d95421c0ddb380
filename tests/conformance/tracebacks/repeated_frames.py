def down(n):
    if n == 0:
        return {}["bottom"]
    return down(n - 1)

print("descending")
down(10)
