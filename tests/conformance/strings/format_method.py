print("{} + {} = {}".format(1, 2, 3))
print("{0} {1} {0}".format("a", "b"))
print("{name} is {age}".format(name="Ann", age=30))
print("{:>8}|{:<8}|{:^8}|".format("r", "l", "c"))
print("{:.3f} {:10.2f} {:+d} {: d}".format(3.14159, 2.5, 5, 5))
print("{:,} {:_} {:x} {:#b} {:o}".format(1234567, 1234567, 255, 5, 8))
print("{0[0]} {0[1]} {1[k]}".format([10, 20], {"k": "v"}))
print("{!r} {!s}".format("x", "x"))
print("{{literal}} {}".format(1))
print("{:*^11}".format("mid"))
print("{:e} {:.2e} {:g} {:%} {:.1%}".format(1234.5, 0.000123, 1e-7, 0.25, 1/3))
try:
    "{} {}".format(1)
except IndexError as e:
    print("IndexError:", e)
try:
    "{x}".format(y=1)
except KeyError as e:
    print("KeyError:", e)
