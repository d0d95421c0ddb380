class Dog:
    species = "canis"
    count = 0
    tricks = []
    def __init__(self, name):
        self.name = name
        Dog.count += 1
    def add_trick(self, t):
        self.tricks.append(t)
a = Dog("rex")
b = Dog("fido")
print(Dog.count, a.count, a.species, b.species)
a.species = "wolf"
print(a.species, b.species, Dog.species)
a.add_trick("roll")
b.add_trick("sit")
print(Dog.tricks, a.tricks is b.tricks)
Dog.species = "dog"
print(a.species, b.species)
del a.species
print(a.species)
print(a.name, b.name)
