total = 0
def add(n):
    global total
    total += n
add(5)
add(7)
print(total)
def set_new_global():
    global created_later
    created_later = "made inside"
set_new_global()
print(created_later)
def outer():
    v = 1
    def inner():
        nonlocal v
        v *= 10
    inner()
    inner()
    return v
print(outer())
def shadow():
    total = "local"
    return total
print(shadow(), total)
