path = "/tmp/gilded_conformance_with_open.txt"
with open(path, "w") as f:
    for i in range(3):
        f.write(f"line {i}\n")
print(f.closed)
with open(path) as f:
    lines = [line.strip() for line in f]
print(lines)
try:
    with open(path) as f:
        first = f.readline()
        raise ValueError("while reading")
except ValueError:
    print("closed after error:", f.closed, repr(first))
import os
os.remove(path)
