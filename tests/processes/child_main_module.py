# The child's main module is named "__mp_main__" and the script is not re-run in
# it: this script has no `if __name__ == "__main__":` guard, and its top level leaves
# a marker file named after the pid that runs it. A re-run in the child would leave
# one for the child's pid (and would spawn children of its own).
# gilded-max-seconds: 20
import os
import sys

MARKER_DIR = "/tmp"
marker = os.path.join(MARKER_DIR, f"gilded-top-level-ran-{os.getpid()}")
with open(marker, "w") as f:
    f.write("ran\n")


def check(ok, what, measured):
    if not ok:
        print(f"FAILED: {what}: {measured}")
        sys.exit(1)
    print(f"ok: {what}")


def report():
    import multiprocessing
    return __name__, os.getpid(), multiprocessing.current_process().name


def top_level_marker_exists(pid):
    return os.path.exists(os.path.join(MARKER_DIR, f"gilded-top-level-ran-{pid}"))


h = spawn_process(report)
name, pid, pname = h.join()
check(name == "__mp_main__", "the child's __name__ is '__mp_main__'", name)
check(__name__ == "__main__", "the parent's __name__ is still '__main__'", __name__)
child_marker = top_level_marker_exists(pid)
os.remove(marker)
if child_marker:
    os.remove(os.path.join(MARKER_DIR, f"gilded-top-level-ran-{pid}"))
check(not child_marker, "the child did not re-run the script's top level", f"marker for pid {pid}")
print("child process name:", pname)

import multiprocessing  # noqa: E402


def mp_target(q):
    q.put((__name__, multiprocessing.current_process().name,
           multiprocessing.parent_process() is not None))


q = multiprocessing.Queue()
p = multiprocessing.Process(target=mp_target, args=(q,), name="kid")
p.start()
got = q.get(timeout=10)
p.join()
check(got[0] == "__mp_main__" and got[1] == "kid", "a multiprocessing.Process child too", got)
check(got[2], "parent_process() is set in the child", got)
check(p.exitcode == 0, "exitcode 0", p.exitcode)
print("all checks passed")
