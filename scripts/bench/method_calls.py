# Classes: object creation, method calls, attribute access, inheritance.
class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scale(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y


class Particle:
    count = 0

    def __init__(self, pos, vel):
        self.pos = pos
        self.vel = vel
        Particle.count += 1

    def step(self):
        self.pos = self.pos.add(self.vel)
        if self.pos.x > 1000 or self.pos.x < -1000:
            self.vel = Vec(-self.vel.x, self.vel.y)
        return self

    def energy(self):
        return self.vel.dot(self.vel)


class Heavy(Particle):
    def energy(self):
        return 2 * super().energy()


def simulate(n, steps):
    ps = []
    for i in range(n):
        cls = Heavy if i % 4 == 0 else Particle
        ps.append(cls(Vec(i, -i), Vec(i % 7 - 3, i % 5 - 2)))
    total = 0
    for _ in range(steps):
        for p in ps:
            total += p.step().energy()
    return total + sum(p.pos.dot(Vec(1, 1)) for p in ps)


print("checksum", simulate(400, 3000), Particle.count)
