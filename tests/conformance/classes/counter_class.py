class Counter:
    total = 0
    def __init__(self):
        self.n = 0
    def tick(self):
        self.n += 1
        Counter.total += 1
        return self
counters = [Counter() for _ in range(3)]
counters[0].tick().tick()
counters[2].tick()
print([c.n for c in counters], Counter.total)
class Sub(Counter):
    pass
s = Sub()
s.tick()
print(s.n, Counter.total, Sub.total)
Sub.total = 100
print(Counter.total, Sub.total)
