# Seed example, verbatim: create, start and join a process.
import multiprocessing

def print_numbers():
    for i in range(10):
        print(i)

# Create a process object
process = multiprocessing.Process(target=print_numbers)

# Start the process
process.start()

# Wait for the process to finish
process.join()
