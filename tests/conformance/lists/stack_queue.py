stack = []
for i in range(5):
    stack.append(i * i)
while stack:
    print("pop", stack.pop())
queue = ["a", "b", "c"]
queue.append("d")
while queue:
    print("dequeue", queue.pop(0))
print(stack, queue, bool(stack))
