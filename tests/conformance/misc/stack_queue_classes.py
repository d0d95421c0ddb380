class Stack:
    def __init__(self):
        self._items = []
    def push(self, x):
        self._items.append(x)
    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()
    def peek(self):
        return self._items[-1]
    def __len__(self):
        return len(self._items)
    def __repr__(self):
        return f"Stack({self._items})"
class Queue:
    def __init__(self):
        self._in, self._out = [], []
    def enqueue(self, x):
        self._in.append(x)
    def dequeue(self):
        if not self._out:
            while self._in:
                self._out.append(self._in.pop())
        return self._out.pop()
def balanced(s):
    st = Stack()
    pairs = {")": "(", "]": "[", "}": "{"}
    for ch in s:
        if ch in "([{":
            st.push(ch)
        elif ch in pairs:
            if not len(st) or st.pop() != pairs[ch]:
                return False
    return len(st) == 0
for s in ["([]{})", "([)]", "((", "", "}"]:
    print(repr(s), balanced(s))
q = Queue()
for i in range(4):
    q.enqueue(i)
print(q.dequeue(), q.dequeue())
q.enqueue(9)
print(q.dequeue(), q.dequeue(), q.dequeue())
st = Stack()
st.push(1)
print(st, st.peek(), len(st))
st.pop()
try:
    st.pop()
except IndexError as e:
    print("IndexError:", e)
