# Objects still bound to globals when the program ends are finalized while the
# globals are intact: their __del__ can use names defined before or after them.
class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        log.append(self.name)
        print(f"{self.name}: __del__ sees log = {log}, LIMIT = {LIMIT}")


first = Noisy("first")
log = []
second = Noisy("second")
LIMIT = 3
print("end of program")
