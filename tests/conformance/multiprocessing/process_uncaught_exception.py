# An uncaught exception in the child: "Process Process-1:" and the traceback on
# stderr, exitcode 1; the parent goes on.
import multiprocessing


def helper(x):
    return 10 // x


def boom():
    helper(0)


if __name__ == "__main__":
    p = multiprocessing.Process(target=boom)
    p.start()
    p.join()
    print("child exitcode:", p.exitcode)
    print("parent still running")
