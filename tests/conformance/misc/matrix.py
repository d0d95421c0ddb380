def matmul(a, b):
    rows, inner, cols = len(a), len(b), len(b[0])
    return [[sum(a[i][k] * b[k][j] for k in range(inner)) for j in range(cols)] for i in range(rows)]
def transpose(m):
    return [list(row) for row in zip(*m)]
def identity(n):
    return [[1 if i == j else 0 for j in range(n)] for i in range(n)]
A = [[1, 2, 3], [4, 5, 6]]
B = [[7, 8], [9, 10], [11, 12]]
print(matmul(A, B))
print(transpose(A))
print(matmul(A, identity(3)) == A)
M = [[1, 1], [1, 0]]
R = identity(2)
for _ in range(30):
    R = matmul(R, M)
print(R)
for row in matmul(B, A):
    print(" ".join(f"{v:4d}" for v in row))
