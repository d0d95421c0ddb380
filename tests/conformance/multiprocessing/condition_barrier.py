# Condition handshake and a Barrier across 3 processes.
import multiprocessing


def consumer(cond, state, q):
    with cond:
        cond.wait_for(lambda: state.value == 1, timeout=10)
        q.put(("consumer saw", state.value))
        state.value = 2
        cond.notify_all()


def party(barrier, q, k):
    index = barrier.wait(10)
    q.put((k, index))


if __name__ == "__main__":
    q = multiprocessing.Queue()
    cond = multiprocessing.Condition()
    state = multiprocessing.Value("i", 0)
    p = multiprocessing.Process(target=consumer, args=(cond, state, q))
    p.start()
    with cond:
        state.value = 1
        cond.notify_all()
        ok = cond.wait_for(lambda: state.value == 2, timeout=10)
    print(q.get(timeout=10))
    print("parent saw", state.value, ok)
    p.join()
    barrier = multiprocessing.Barrier(3)
    print("parties:", barrier.parties)
    procs = [multiprocessing.Process(target=party, args=(barrier, q, k)) for k in range(3)]
    for pr in procs:
        pr.start()
    got = sorted(q.get(timeout=10) for _ in range(3))
    for pr in procs:
        pr.join()
    print("workers:", [k for k, _ in got])
    print("indexes:", sorted(i for _, i in got))
    print("exitcodes:", [pr.exitcode for pr in procs])
