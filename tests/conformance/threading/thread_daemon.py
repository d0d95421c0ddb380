# The daemon flag: inherited from the creating thread, settable before start.
import threading

print("main is daemon:", threading.main_thread().daemon)
t = threading.Thread(target=lambda: None)
print("default:", t.daemon)
t.daemon = True
print("after set:", t.daemon)
print("explicit:", threading.Thread(daemon=True).daemon, threading.Thread(daemon=False).daemon)

seen = {}
def make_child(key):
    child = threading.Thread(target=lambda: None)
    seen[key] = child.daemon
    child2 = threading.Thread(target=lambda: None, daemon=False)
    seen[key + " explicit"] = child2.daemon

for daemon in (False, True):
    p = threading.Thread(target=make_child, args=(f"parent daemon={daemon}",), daemon=daemon)
    p.start()
    p.join()
for key in sorted(seen):
    print(key, "->", seen[key])

# A daemon thread that never ends does not keep the program alive.
forever = threading.Event()
d = threading.Thread(target=forever.wait, daemon=True)
d.start()
print("daemon alive:", d.is_alive())
print("end of main")
