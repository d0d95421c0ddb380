# Subclassing Process and overriding run(); state set in __init__ travels to the child.
import multiprocessing


class Squarer(multiprocessing.Process):
    def __init__(self, numbers, q):
        super().__init__()
        self.numbers = numbers
        self.q = q

    def run(self):
        self.q.put([n * n for n in self.numbers])
        self.numbers.append(99)  # only the child's copy changes


if __name__ == "__main__":
    q = multiprocessing.Queue()
    s = Squarer([1, 2, 3], q)
    s.start()
    print(q.get(timeout=10))
    s.join()
    print(s.exitcode, s.numbers)
    print(isinstance(s, multiprocessing.Process), s.name)
