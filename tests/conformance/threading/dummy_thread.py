# current_thread() in a thread not started by threading gives a _DummyThread.
import threading
import _thread

done = threading.Lock()
done.acquire()
info = []

def raw():
    me = threading.current_thread()
    info.append((me.name, me.daemon, me.is_alive(), type(me).__name__,
                 me.ident == threading.get_ident()))
    info.append(threading.current_thread() is me)
    done.release()

threading.Thread(target=print).name       # uses up "Thread-1"
_thread.start_new_thread(raw, ())
done.acquire()
print(info)
