class Log:
    def __init__(self, tag):
        self.tag = tag
    def __enter__(self):
        print(self.tag, "enter")
        return self
    def __exit__(self, et, ev, tb):
        print(self.tag, "exit", et.__name__ if et else "clean")
def early_return():
    with Log("ret"):
        return "value"
    print("unreachable")
print(early_return())
for i in range(3):
    with Log(f"loop{i}"):
        if i == 0:
            continue
        if i == 2:
            break
        print("body", i)
try:
    with Log("a"), Log("b"):
        raise ValueError("from body")
except ValueError as e:
    print("caught", e)
