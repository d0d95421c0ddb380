try:
    print(undefined_var)
except NameError as e:
    print("NameError:", e)
def f():
    return missing_function()
try:
    f()
except NameError as e:
    print("NameError:", e)
try:
    prin("x")
except NameError as e:
    print("NameError:", e)
try:
    lenn = 1
    print(lem)
except NameError as e:
    print("NameError:", e)
