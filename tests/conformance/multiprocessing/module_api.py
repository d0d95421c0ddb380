# The module's surface: names that exist, start methods, cpu_count, exceptions.
import multiprocessing


def noop():
    pass


if __name__ == "__main__":
    for name in ("Process", "Queue", "SimpleQueue", "JoinableQueue", "Pipe", "Value",
                 "Array", "RawValue", "RawArray", "Lock", "RLock", "Semaphore",
                 "BoundedSemaphore", "Event", "Condition", "Barrier", "Pool",
                 "current_process", "active_children", "parent_process", "cpu_count",
                 "get_context", "get_start_method", "ProcessError", "TimeoutError",
                 "BufferTooShort", "AuthenticationError"):
        print(name, hasattr(multiprocessing, name))
    print(isinstance(multiprocessing.cpu_count(), int), multiprocessing.cpu_count() >= 1)
    print(issubclass(multiprocessing.TimeoutError, multiprocessing.ProcessError))
    print(issubclass(multiprocessing.BufferTooShort, multiprocessing.ProcessError))
    print(issubclass(multiprocessing.ProcessError, Exception))
    print(multiprocessing.current_process().name, multiprocessing.parent_process())
    print(multiprocessing.active_children())
    p = multiprocessing.Process(target=noop)
    p.start()
    p.join()
    print(multiprocessing.active_children())
    ctx = multiprocessing.get_context()
    print(ctx.get_start_method() in multiprocessing.get_all_start_methods())
    print("spawn" in multiprocessing.get_all_start_methods())
