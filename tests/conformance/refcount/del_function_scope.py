class Noisy:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("destroy", self.name)
def work():
    local = Noisy("local")
    print("inside work")
    return 42
print("result", work())
print("after work")
def make():
    obj = Noisy("returned")
    print("returning")
    return obj
kept = make()
print("kept", kept.name)
kept = None
print("dropped")
def temp_arg(o):
    print("in temp_arg", o.name)
temp_arg(Noisy("temporary"))
print("after temp_arg")
Noisy("expression statement")
print("after expression statement")
