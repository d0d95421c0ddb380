# spawn_process: the target's return value comes back from join(), args and kwargs
# reach it, exitcode is 0 afterwards, is_alive() says False, and the child's pid is
# not the parent's.
# gilded-max-seconds: 20
import os
import sys


def check(ok, what, measured):
    if not ok:
        print(f"FAILED: {what}: {measured}")
        sys.exit(1)
    print(f"ok: {what}")


def combine(a, b, *rest, sep="-", **extra):
    return {"joined": f"{a}{sep}{b}", "rest": rest, "extra": sorted(extra.items()),
            "pid": os.getpid(), "ppid": os.getppid()}


h = spawn_process(combine, 1, "two", 3, 4.5, sep="+", flag=True, data=[1, {"k": None}])
check(isinstance(h.pid, int) and h.pid > 0, "pid is a positive int", h.pid)
check(h.pid != os.getpid(), "the child's pid differs from the parent's", (h.pid, os.getpid()))
r = h.join()
check(r["joined"] == "1+two", "positional and keyword arguments arrive", r)
check(r["rest"] == (3, 4.5), "*rest arrives as a tuple", r["rest"])
check(r["extra"] == [("data", [1, {"k": None}]), ("flag", True)], "**extra arrives", r["extra"])
check(r["pid"] == h.pid, "os.getpid() in the child is handle.pid", (r["pid"], h.pid))
check(r["ppid"] == os.getpid(), "the child's parent is this process", (r["ppid"], os.getpid()))
check(h.exitcode == 0, "exitcode 0 after a normal return", h.exitcode)
check(h.is_alive() is False, "is_alive() is False after join", h.is_alive())
check(h.join() == r or h.join() is None, "joining twice does not fail", "")

# Big and nested values both ways.
def echo(x):
    return x

big = {"ints": list(range(20000)), "text": "é" * 5000, "nested": [[i, (i, str(i))] for i in range(300)],
       "bytes": bytes(range(256)) * 10, "big": 2 ** 200, "float": -1.5e300, "set": {1, 2, 3},
       "frozen": frozenset({"a"}), "none": None, "bool": (True, False), "complex": 3 - 4j}
back = spawn_process(echo, big).join()
check(back == big, "a large nested value round-trips unchanged",
      [k for k in big if big[k] != back.get(k)])

# Several at once, each with its own result.
def square(n):
    return n * n

hs = [spawn_process(square, n) for n in range(6)]
got = [h.join() for h in hs]
check(got == [0, 1, 4, 9, 16, 25], "six concurrent children each return their result", got)
check(len({h.pid for h in hs}) == 6, "six distinct pids", [h.pid for h in hs])

# A lambda and a closure travel by value.
k = 7
check(spawn_process(lambda x: x * k, 6).join() == 42, "a lambda with a captured global", "")

def make_adder(n):
    def add(x):
        return x + n
    return add

check(spawn_process(make_adder(10), 5).join() == 15, "a closure", "")
print("all checks passed")
