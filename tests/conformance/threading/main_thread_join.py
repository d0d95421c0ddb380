# Another thread can join() the main thread: join returns once the main
# program has finished (its last print comes first).
import threading

main = threading.main_thread()

def watcher():
    main.join()
    print("main thread finished:", main.is_alive())

print(main.is_alive())
threading.Thread(target=watcher).start()
print("last line of the main program")
