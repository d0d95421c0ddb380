x = 10
name = "Bob"
print(f"{x=}")
print(f"{x = }")
print(f"{name=}")
print(f"{x*2=}")
print(f"{x=:>5}")
print(f"{name=!s}")
print(f"{3.14159=:.2f}")
items = [1, 2]
print(f"{len(items)=} {items=}")
