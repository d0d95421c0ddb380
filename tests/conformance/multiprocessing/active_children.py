# active_children() lists started, unjoined processes and reaps finished ones;
# parent_process() in a child; process names and exitcodes after join.
import multiprocessing


def wait_for(ev, q):
    parent = multiprocessing.parent_process()
    q.put((multiprocessing.current_process().name, parent is not None and parent.name))
    ev.wait(10)


if __name__ == "__main__":
    ev = multiprocessing.Event()
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=wait_for, args=(ev, q), name=f"kid-{k}") for k in range(3)]
    print("before start:", multiprocessing.active_children())
    for p in procs:
        p.start()
    print(sorted(q.get(timeout=10) for _ in procs))
    print("while running:", sorted(p.name for p in multiprocessing.active_children()))
    ev.set()
    for p in procs:
        p.join()
    print("after join:", multiprocessing.active_children())
    print([(p.name, p.exitcode, p.is_alive()) for p in procs])
