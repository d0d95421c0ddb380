# Exit codes: normal return 0, sys.exit(3) 3, sys.exit(None) 0, terminate -15, kill -9.
import multiprocessing
import sys
import time


def ok():
    pass


def exits(code):
    sys.exit(code)


def sleeper(ev):
    ev.set()
    time.sleep(30)


if __name__ == "__main__":
    for target, args in ((ok, ()), (exits, (3,)), (exits, (None,)), (exits, (0,))):
        p = multiprocessing.Process(target=target, args=args)
        p.start()
        p.join()
        print(target.__name__, args, "->", p.exitcode)
    for how in ("terminate", "kill"):
        ev = multiprocessing.Event()
        p = multiprocessing.Process(target=sleeper, args=(ev,))
        p.start()
        ev.wait(10)
        print(how, "alive:", p.is_alive())
        getattr(p, how)()
        p.join()
        print(how, "->", p.exitcode, "alive:", p.is_alive())
