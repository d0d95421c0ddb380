# Process start/join, exitcode, name, is_alive, daemon, current_process in the child.
import multiprocessing


def work(q):
    me = multiprocessing.current_process()
    q.put((me.name, me.daemon))


if __name__ == "__main__":
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=work, args=(q,))
    print(p.name, p.is_alive(), p.exitcode, p.daemon)
    p.start()
    got = q.get(timeout=10)
    p.join()
    print(got, p.is_alive(), p.exitcode)
    p2 = multiprocessing.Process(target=work, args=(q,), name="worker-x", daemon=True)
    p2.start()
    got = q.get(timeout=10)
    p2.join()
    print(got, p2.name, p2.daemon, p2.exitcode)
    p3 = multiprocessing.Process(target=work, args=(q,))
    p3.daemon = True
    print(p3.name, p3.daemon)
    p3.start()
    print(q.get(timeout=10))
    p3.join()
    print(p3.exitcode)
    print(multiprocessing.current_process().name)
    print(p.pid != p2.pid, isinstance(p.pid, int))
    try:
        p.start()
    except AssertionError as e:
        print("AssertionError:", e)
