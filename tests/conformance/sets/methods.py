s = {1, 2, 3}
s.add(4)
s.add(2)
print(s)
s.discard(10)
s.discard(1)
print(s)
s.remove(2)
print(s)
try:
    s.remove(99)
except KeyError as e:
    print("KeyError:", e)
print(s.pop() in {3, 4}, len(s))
s.update([7, 8], {9})
print(sorted(s))
c = s.copy()
s.clear()
print(s, sorted(c))
try:
    set().pop()
except KeyError as e:
    print("KeyError:", e)
