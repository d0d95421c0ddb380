# An exception in a spawn_process child is raised again by join(), of the same
# class (also a class defined in this script), its __cause__ holding the child's
# traceback text; the child's exitcode is non-zero; the parent goes on.
# gilded-max-seconds: 20
import sys


def check(ok, what, measured):
    if not ok:
        print(f"FAILED: {what}: {measured}")
        sys.exit(1)
    print(f"ok: {what}")


class MyError(Exception):
    pass


def inner_helper(x):
    raise ValueError(f"bad value {x}")


def outer(x):
    return inner_helper(x) + 1


def raises_mine():
    raise MyError("mine", 42)


h = spawn_process(outer, 17)
try:
    h.join()
except ValueError as e:
    caught = e
else:
    caught = None
check(type(caught) is ValueError, "join() raised the child's ValueError", repr(caught))
check(str(caught) == "bad value 17", "with the child's message", str(caught))
cause = caught.__cause__
text = str(cause)
check(cause is not None, "the exception has a __cause__", repr(cause))
check(type(cause).__name__ == "RemoteTraceback", "the cause is a RemoteTraceback", type(cause).__name__)
for piece in ("Traceback (most recent call last):", "in outer", "in inner_helper",
              'raise ValueError(f"bad value {x}")', "ValueError: bad value 17",
              "spawn_child_exception.py"):
    check(piece in text, f"the child's traceback text contains {piece!r}", text)
check(text.index("in outer") < text.index("in inner_helper"), "frames in call order", text)
check(h.exitcode not in (None, 0), "a child that raised has a non-zero exitcode", h.exitcode)
check(not h.is_alive(), "and is no longer alive", h.is_alive())

h = spawn_process(raises_mine)
try:
    h.join()
    caught = None
except MyError as e:
    caught = e
check(caught is not None and type(caught) is MyError, "except MyError catches the script's own class",
      repr(caught))
check(caught.args == ("mine", 42), "with its arguments", caught.args)

def exits(code):
    sys.exit(code)

h = spawn_process(exits, 3)
try:
    h.join()
except SystemExit as e:
    print("join raised SystemExit", e.code)
except BaseException as e:
    print("join raised", type(e).__name__, e)
check(h.exitcode == 3, "sys.exit(3) in the child gives exitcode 3", h.exitcode)
print("all checks passed")
