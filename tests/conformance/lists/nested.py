grid = [[0] * 3 for _ in range(3)]
grid[1][1] = 5
print(grid)
shared = [[0] * 3] * 3
shared[1][1] = 5
print(shared)
m = [[1, 2, 3], [4, 5, 6]]
print([row[1] for row in m])
print([[row[i] for row in m] for i in range(3)])
m[0].append(99)
print(m, len(m), len(m[0]))
flat = [x for row in m for x in row]
print(flat)
a = [1, [2, 3]]
b = a.copy()
b[1].append(4)
print(a, b)
