x = 3.14159
for w in (6, 8, 10):
    for p in (1, 3):
        print(f"[{x:{w}.{p}f}]")
align = "^"
fill = "*"
print(f"[{'mid':{fill}{align}9}]")
width = 12
print(f"[{'right':>{width}}]")
print(f"[{12345:{','}}]")
fmt = ".2e"
print(f"{123456:{fmt}}")
