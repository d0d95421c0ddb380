s = "hi"
print(f"[{s:*^10}] [{s:-<6}] [{s:.>6}] [{s:^5}]")
print(f"[{s:10}] [{s:>10}] [{'truncate':.3}] [{'x':3}]")
print(f"[{'':5}]")
print(f"[{42:10}] [{'42':10}]")
print(f"[{True:>6}] [{None!s:>6}]")
print(f"[{[1, 2]!s:>10}]")
print(f"{'abc'!r:>8}|")
try:
    print(f"{s:d}")
except ValueError as e:
    print("ValueError:", e)
try:
    print(f"{42:s}")
except ValueError as e:
    print("ValueError:", e)
