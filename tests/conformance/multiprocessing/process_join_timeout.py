# join(timeout) on a child that is still waiting returns with the child alive.
import multiprocessing


def waiter(ev):
    ev.wait(30)


if __name__ == "__main__":
    ev = multiprocessing.Event()
    p = multiprocessing.Process(target=waiter, args=(ev,))
    p.start()
    p.join(0.1)
    print("after join(0.1):", p.is_alive(), p.exitcode)
    ev.set()
    p.join()
    print("after set + join:", p.is_alive(), p.exitcode)
