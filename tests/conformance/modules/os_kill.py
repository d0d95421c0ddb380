import os

# Signal 0 checks that a process exists without disturbing it.
os.kill(os.getpid(), 0)
print("signal 0 to myself: ok")

# A pid above the kernel's pid_max never exists.
try:
    os.kill(2**22 + 12345, 0)
except ProcessLookupError as e:
    print(type(e).__name__, e.errno, e.strerror)
    print(isinstance(e, OSError))
try:
    os.kill(os.getpid(), "9")
except TypeError as e:
    print("TypeError")
