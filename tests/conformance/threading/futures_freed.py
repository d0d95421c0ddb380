# Futures, and the results they hold, are freed as soon as the program drops
# them -- also after wait() and as_completed() have watched them.
from concurrent.futures import ThreadPoolExecutor, wait, as_completed, FIRST_COMPLETED
import threading

class Result:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("freed", self.name)

def gated(gate, name):
    gate.wait()
    return Result(name)

def submit_gated(ex, label):
    # The futures complete a little later, while wait()/as_completed() wait.
    gate = threading.Event()
    threading.Timer(0.01, gate.set).start()
    return [ex.submit(gated, gate, f"{label} {i}") for i in range(2)]

with ThreadPoolExecutor(max_workers=2) as ex:
    plain = ex.submit(Result, "plain")
    print(plain.result().name)
    waited = submit_gated(ex, "waited")
    wait(waited)
    first = submit_gated(ex, "first")
    wait(first, return_when=FIRST_COMPLETED)
    iterated = submit_gated(ex, "iterated")
    for f in as_completed(iterated):
        pass
    del f
    mapped = ex.map(Result, ["mapped 0", "mapped 1"])
    print(sorted(r.name for r in mapped))
# The workers have finished: only this program holds the futures now.
print("-- dropping plain")
del plain
print("-- dropping waited")
del waited
print("-- dropping first")
del first
print("-- dropping iterated")
del iterated
print("-- end")
