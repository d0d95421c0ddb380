# An executor that is never shut down does not keep the program alive:
# its queued work is still done, then its workers are stopped at exit.
from concurrent.futures import ThreadPoolExecutor
import threading

gate = threading.Event()
ex = ThreadPoolExecutor(max_workers=1)
ex.submit(gate.wait)
ex.submit(print, "queued work runs at exit")
gate.set()
print("main program ends")
