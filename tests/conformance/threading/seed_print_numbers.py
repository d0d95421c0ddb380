# Seed example, verbatim: create, start and join a thread.
import threading

def print_numbers():
    for i in range(10):
        print(i)

# Create a thread object
thread = threading.Thread(target=print_numbers)

# Start the thread
thread.start()

# Wait for the thread to finish
thread.join()
