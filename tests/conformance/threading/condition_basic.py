# Condition: producer/consumer with wait(), wait_for(), notify(), notify_all().
import threading

cond = threading.Condition()
items = []
consumed = []

def consumer(n):
    for _ in range(n):
        with cond:
            while not items:
                cond.wait()
            consumed.append(items.pop(0))

c = threading.Thread(target=consumer, args=(5,))
c.start()
for i in range(5):
    with cond:
        items.append(i)
        cond.notify()
c.join()
print(consumed)

# wait_for() re-checks the predicate; the return value is its last value.
state = {"n": 0}
def bump():
    for _ in range(3):
        with cond:
            state["n"] += 1
            cond.notify_all()
t = threading.Thread(target=bump)
with cond:
    t.start()
    print(cond.wait_for(lambda: state["n"] == 3))
t.join()

with cond:
    print(cond.wait(0.01))                           # nobody notifies: False
    print(cond.wait_for(lambda: state["n"] > 5, 0.01))
    print(cond.wait_for(lambda: state["n"] and "truthy"))

for name, call in [("wait", lambda: cond.wait(0)), ("notify", cond.notify),
                   ("notify_all", cond.notify_all)]:
    try:
        call()
    except RuntimeError as e:
        print(name, "->", e)

plain = threading.Condition(threading.Lock())
with plain:
    plain.notify()
    print("plain lock ok", plain.wait(0))
try:
    plain.wait()
except RuntimeError as e:
    print("plain ->", e)
