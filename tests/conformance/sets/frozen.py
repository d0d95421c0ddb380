f = frozenset([3, 1, 2])
print(f, len(f), 2 in f)
print(f | {4}, type(f | {4}).__name__, type({4} | f).__name__)
d = {f: "frozen key"}
print(d[frozenset({1, 2, 3})])
try:
    f.add(4)
except AttributeError as e:
    print("AttributeError:", e)
try:
    {[1, 2]}
except TypeError as e:
    print("TypeError:", e)
try:
    {1, 2}.add([3])
except TypeError as e:
    print("TypeError:", e)
print(frozenset({1, 2}) == {1, 2})
s = {frozenset({1}), frozenset({1})}
print(len(s))
