class Countdown:
    def __init__(self, start):
        self.current = start
    def __iter__(self):
        return self
    def __next__(self):
        if self.current <= 0:
            raise StopIteration
        self.current -= 1
        return self.current + 1
for n in Countdown(3):
    print(n)
c = Countdown(2)
print(next(c), next(c), next(c, "done"))
print(list(Countdown(4)), sum(Countdown(10)))
class Range2:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        i = 0
        while i < self.n:
            yield i
            i += 2
r = Range2(7)
print(list(r), list(r))
it = iter(Countdown(1))
print(next(it))
try:
    next(it)
except StopIteration:
    print("StopIteration raised")
