# At exit the interpreter joins every non-daemon thread (threading._shutdown):
# "worker done" is printed after the main program's last line.
import threading
import time

started = threading.Event()

def worker():
    started.set()
    time.sleep(0.05)
    print("worker done")

threading.Thread(target=worker).start()
started.wait()
print("main program ends")
