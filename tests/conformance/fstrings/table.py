rows = [("apple", 3, 0.5), ("banana", 12, 0.25), ("cherry", 100, 2.125)]
print(f"{'name':<10}{'qty':>5}{'price':>8}{'total':>9}")
print("-" * 32)
grand = 0
for name, qty, price in rows:
    total = qty * price
    grand += total
    print(f"{name:<10}{qty:>5}{price:>8.2f}{total:>9.2f}")
print("-" * 32)
print(f"{'TOTAL':<10}{'':>5}{'':>8}{grand:>9.2f}")
print(f"{grand:>32,.3f}")
