import sys
print("out 1")
sys.stderr.write("err 1\n")
print("out 2")
sys.stdout.write("out 3 via write\n")
n = sys.stderr.write("err 2\n")
print("stderr write returned", n)
print("err 3", file=sys.stderr, end="")
print("", file=sys.stderr)
