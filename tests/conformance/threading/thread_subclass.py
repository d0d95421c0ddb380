# Subclassing Thread and overriding run().
import threading

class Summer(threading.Thread):
    def __init__(self, numbers):
        super().__init__(name=f"summer-{len(numbers)}")
        self.numbers = numbers
        self.total = None

    def run(self):
        self.total = sum(self.numbers)

workers = [Summer(list(range(n))) for n in (10, 100, 1000)]
for w in workers:
    w.start()
for w in workers:
    w.join()
for w in workers:
    print(w.name, w.total, w.is_alive())

class Countdown(threading.Thread):
    def run(self):
        # run() of a subclass can still call the target through super().run()
        print("countdown in", threading.current_thread() is self)
        super().run()

c = Countdown(target=print, args=("from target", 3, 2, 1))
c.start()
c.join()
print(isinstance(c, threading.Thread), type(c).__name__)
