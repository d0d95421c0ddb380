print("%s is %d years" % ("Bob", 42))
print("%r and %s" % ("x", "x"))
print("%5.2f|%-8.3f|%08.2f" % (3.14159, 2.71828, -1.5))
print("%x %X %o %#x %#o" % (255, 255, 8, 255, 8))
print("100%% sure, %d%%" % 50)
print("%5d|%-5d|%05d" % (42, 42, 42))
print("%s" % [1, 2], "%s" % (1,), "%s %s" % (None, True))
print("%e %g %g" % (12345.678, 0.00001234, 123456789.0))
print("%(name)s=%(val)d" % {"name": "x", "val": 3})
print("%c%c" % (72, "i"))
print("%.3s|%10s|%-10s|" % ("abcdef", "right", "left"))
print("%d" % 3.99, "%i" % -7)
try:
    print("%d %d" % (1,))
except TypeError as e:
    print("TypeError:", e)
try:
    print("%d" % "x")
except TypeError as e:
    print("TypeError:", e)
try:
    print("%s %s" % (1, 2, 3))
except TypeError as e:
    print("TypeError:", e)
