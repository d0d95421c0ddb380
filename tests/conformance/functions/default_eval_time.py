x = 10
def f(a=x):
    return a
x = 20
print(f(), x)
counter = 0
def next_id():
    global counter
    counter += 1
    print("next_id called")
    return counter
def g(v=next_id()):
    return v
print("defined g")
print(g(), g(), g(99))
