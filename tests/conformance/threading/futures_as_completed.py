# as_completed(): futures in the order they finish; timeouts.
from concurrent.futures import ThreadPoolExecutor, as_completed
import threading

order = ["c", "a", "b"]
gates = {name: threading.Event() for name in order}
finished = threading.Semaphore(0)

def job(name):
    gates[name].wait()
    return name.upper()

with ThreadPoolExecutor(max_workers=3) as ex:
    futures = [ex.submit(job, name) for name in "abc"]
    it = as_completed(futures)
    for name in order:
        gates[name].set()
        f = next(it)            # exactly the one just released
        print(f.result())
    print(next(it, "exhausted"))

    # Futures already done come out first; duplicates once.
    done1 = ex.submit(str, 1)
    done1.result()
    print([f.result() for f in as_completed([done1, done1])])

    blocker = threading.Event()
    waiting = [ex.submit(blocker.wait) for _ in range(2)]
    try:
        for f in as_completed(waiting + [done1], timeout=0.02):
            print("got", f.result())
    except TimeoutError as e:
        print(type(e).__name__, e)
    blocker.set()
    print(sorted(f.result() for f in as_completed(waiting)))
