inventory = {}
orders = [("apple", 5), ("pear", 2), ("apple", -3), ("kiwi", 10), ("pear", -2), ("fig", 1)]
for item, qty in orders:
    inventory[item] = inventory.get(item, 0) + qty
    if inventory[item] == 0:
        del inventory[item]
print(inventory)
low = [k for k, v in inventory.items() if v < 3]
print("low stock:", low)
total = sum(inventory.values())
for k, v in sorted(inventory.items()):
    print(f"{k:<6} {v:>3} {v / total:6.1%}")
