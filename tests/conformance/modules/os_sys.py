import os
import sys
print(os.getpid() > 0, os.cpu_count() >= 1, type(os.getcwd()).__name__)
print(os.environ.get("NO_SUCH_VAR", "dflt"), "NO_SUCH_VAR" in os.environ)
print(os.path.basename("/a/b/c.py"), os.path.join("a", "b"), os.sep)
print(sys.getrecursionlimit())
sys.setrecursionlimit(2000)
print(sys.getrecursionlimit())
sys.stdout.write("written directly\n")
n = sys.stdout.write("abc")
print()
print("returned", n)
print(type(sys.argv).__name__, len(sys.argv))
print(sys.platform in ("linux", "darwin", "win32"))
