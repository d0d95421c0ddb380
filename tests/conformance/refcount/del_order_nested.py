class Node:
    def __init__(self, name, child=None):
        self.name = name
        self.child = child
    def __del__(self):
        print("del", self.name)
root = Node("root", Node("mid", Node("leaf")))
print("built")
root = None
print("released chain")
class Owner:
    def __init__(self):
        self.parts = [Node("p1"), Node("p2")]
    def __del__(self):
        print("del owner")
o = Owner()
o = 0
print("owner gone")
