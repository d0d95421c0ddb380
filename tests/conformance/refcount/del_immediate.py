class Noisy:
    def __init__(self, name):
        self.name = name
        print("create", name)
    def __del__(self):
        print("destroy", self.name)
a = Noisy("a")
print("before del")
del a
print("after del")
b = Noisy("b1")
b = Noisy("b2")
print("after rebinding b")
c = Noisy("c")
d = c
del c
print("c deleted but d still refers")
d = None
print("d cleared")
print("end of program")
