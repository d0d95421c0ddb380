matrix = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]
print([row[::-1] for row in matrix])
print([[row[i] for row in matrix] for i in range(len(matrix[0]))])
print([x for row in matrix for x in row if x % 2])
print(sum(x for row in matrix for x in row))
pairs = [(a, b) for a in range(1, 5) for b in range(a, 5) if (a + b) % 3 == 0]
print(pairs)
triples = [(a, b, c) for c in range(1, 21) for b in range(1, c) for a in range(1, b) if a * a + b * b == c * c]
print(triples)
