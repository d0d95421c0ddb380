x = 42
name = "world"
print(f"hello {name}")
print(f"{x} {x + 1} {x * 2}")
print(f"{name!r} {name!s} {x!r}")
print(f"{'quoted'} {'sq' if x else 'dq'}")
print(f"{[1, 2, 3]} {(1,)} {dict(a=1)}")
print(f"{{}} {{x}} {{{x}}}")
print(f"{len(name)} {name.upper()} {name[::-1]}")
print(F"capital F {x}")
print(f"{x}" f"{name}" "plain")
print(f"{None} {True} {3.0} {1/3}")
print(f"{'nested ' + f'{x}'}")
print(f'{"double inside single"}')
print(f"{x if x > 40 else 0}")
print(f"""triple {x}
quoted {name}""")
