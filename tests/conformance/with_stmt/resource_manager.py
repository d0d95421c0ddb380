class Pool:
    def __init__(self):
        self.in_use = 0
    def acquire(self):
        return Lease(self)
class Lease:
    def __init__(self, pool):
        self.pool = pool
    def __enter__(self):
        self.pool.in_use += 1
        print("acquired, in use:", self.pool.in_use)
        return self.pool.in_use
    def __exit__(self, *exc):
        self.pool.in_use -= 1
        print("released, in use:", self.pool.in_use)
p = Pool()
with p.acquire() as n1:
    with p.acquire() as n2:
        print("ids", n1, n2)
print("final", p.in_use)
