errors = []
for val in ["1", "x", "2.5", "", "7"]:
    try:
        errors.append(int(val))
    except ValueError as e:
        errors.append(e)
print([type(x).__name__ for x in errors])
print([str(x) for x in errors])
def parse_all(items):
    ok, bad = [], []
    for it in items:
        try:
            ok.append(float(it))
        except (ValueError, TypeError) as e:
            bad.append(f"{it!r}: {e}")
    return ok, bad
ok, bad = parse_all(["1.5", "nan", None, "abc", " 2 ", [1]])
print(ok)
for b in bad:
    print(b)
