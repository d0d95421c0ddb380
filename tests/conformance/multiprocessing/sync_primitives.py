# Lock, RLock, Semaphore and Event shared with child processes.
import multiprocessing


def try_lock(lock, q):
    q.put(("child acquire(timeout=0.05)", lock.acquire(timeout=0.05)))


def take_lock(lock, q):
    with lock:
        q.put("child got the lock")


def rlock_twice(rl, q):
    with rl:
        with rl:
            q.put("child re-entered the RLock")


def use_sem(sem, q):
    got = [sem.acquire(timeout=0.05) for _ in range(3)]
    q.put(("child semaphore", got))


def wait_event(ev, q):
    q.put(("child sees", ev.wait(10)))


def run(target, *args):
    p = multiprocessing.Process(target=target, args=args)
    p.start()
    p.join()
    return p.exitcode


if __name__ == "__main__":
    q = multiprocessing.Queue()
    lock = multiprocessing.Lock()
    lock.acquire()
    run(try_lock, lock, q)
    print(q.get(timeout=10))
    lock.release()
    run(take_lock, lock, q)
    print(q.get(timeout=10))
    print("parent acquire:", lock.acquire(timeout=1))
    lock.release()
    rl = multiprocessing.RLock()
    run(rlock_twice, rl, q)
    print(q.get(timeout=10))
    sem = multiprocessing.Semaphore(2)
    run(use_sem, sem, q)
    print(q.get(timeout=10))
    print("semaphore value after child:", sem.get_value())
    ev = multiprocessing.Event()
    print("is_set:", ev.is_set(), "wait(0.05):", ev.wait(0.05))
    ev.set()
    run(wait_event, ev, q)
    print(q.get(timeout=10))
    ev.clear()
    print("is_set after clear:", ev.is_set())
    b = multiprocessing.BoundedSemaphore(1)
    b.acquire()
    b.release()
    try:
        b.release()
    except ValueError as e:
        print("ValueError:", e)
