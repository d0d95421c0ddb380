# JoinableQueue: a worker process calls task_done; the parent's join() returns when
# every item was processed.
import multiprocessing


def worker(q, results):
    while True:
        item = q.get()
        if item is None:
            q.task_done()
            break
        results.put(item * 10)
        q.task_done()


if __name__ == "__main__":
    q = multiprocessing.JoinableQueue()
    results = multiprocessing.Queue()
    p = multiprocessing.Process(target=worker, args=(q, results))
    p.start()
    for i in range(6):
        q.put(i)
    q.put(None)
    q.join()
    print("all tasks done")
    print(sorted(results.get(timeout=10) for _ in range(6)))
    p.join()
    print("exitcode", p.exitcode)
    try:
        q.task_done()
    except ValueError as e:
        print("ValueError:", e)
