import os

# CPython picks OSError's subclass from errno, whichever call failed.
def attempt(what, f):
    try:
        f()
    except OSError as e:
        print(what, type(e).__name__, e.errno, isinstance(e, OSError))

attempt("open missing", lambda: open("no/such/file.txt"))
attempt("open a directory for writing", lambda: open(".", "w"))
attempt("a file used as a directory", lambda: open(__file__ + "/x"))
attempt("kill a pid that cannot exist", lambda: os.kill(2**22 + 7, 0))
