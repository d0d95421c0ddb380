def compute():
    total = 10
    return total + undefined_thing

print("computing")
compute()
