import os
path = "/tmp/gilded_conformance_open_files_test.txt"
with open(path, "w") as f:
    n = f.write("first line\n")
    print("wrote", n)
    f.write("second line\nthird")
with open(path) as f:
    print(repr(f.read()))
with open(path) as f:
    print(repr(f.readline()), repr(f.readline()))
    print(f.readlines())
with open(path, "a") as f:
    f.write(" appended\n")
with open(path) as f:
    for i, line in enumerate(f):
        print(i, repr(line), line.rstrip("\n"))
f = open(path)
print(f.read(5))
f.close()
print(f.closed)
with open(path, "r") as f:
    print(len(f.readlines()))
os.remove(path)
print(os.path.exists(path))
try:
    open(path)
except FileNotFoundError as e:
    print("FileNotFoundError:", e.errno == 2, type(e).__name__)
    print(e)
