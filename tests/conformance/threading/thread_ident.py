# ident and native_id: None before start, set after, matching get_ident().
import threading

seen = {}
def worker(key):
    seen[key] = (threading.get_ident(), threading.get_native_id())

t1 = threading.Thread(target=worker, args=("a",))
t2 = threading.Thread(target=worker, args=("b",))
print(t1.ident, t1.native_id)
t1.start()
print(type(t1.ident).__name__, type(t1.native_id).__name__)
t1.join()
t2.start()
t2.join()
print(seen["a"] == (t1.ident, t1.native_id))
print(seen["b"] == (t2.ident, t2.native_id))
main = threading.main_thread()
print(main.ident == threading.get_ident(), main.native_id == threading.get_native_id())
print(t1.native_id != main.native_id, t1.ident != main.ident)
print(len({t1.ident, t2.ident, main.ident}) >= 2)
