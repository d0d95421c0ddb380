"""Threads share one memory; processes each have their own.

All the threads of a process see the same variables: a global one thread changes
or creates, every other thread reads, with no copying and no messages. A child
process is another program with its own memory: it starts with its own copy of
what it needs, what it changes stays in its copy, and all the parent can learn
of it is what the child sends back (through a Queue, a Pipe, ...), which
arrives as a new object, equal to the one sent, never the same one.

The same function, making the same change to two globals, runs first in a child
process, then in a thread: watch which change the main program sees.

Run it:  gilded scripts/memory/02_threads_share_processes_copy.py   (or: python3 ...)
"""
import multiprocessing
import os
import queue
import sys
import threading

failed = []
COUNT = 0  # two globals, an int and a list, that the workers will change
ITEMS = ["main"]


def claim(text, ok, measured):
    """Print whether a claim this lesson makes held, with what was measured."""
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


def change_globals(who):
    """Change both globals; return what this worker saw before and after."""
    global COUNT
    before = (COUNT, list(ITEMS))
    COUNT += 1
    ITEMS.append(who)
    return before, (COUNT, list(ITEMS))


def in_a_child(q, payload):
    global MADE_BY_CHILD
    q.put(payload)  # send back, untouched, the object we were given
    before, after = change_globals("child")
    MADE_BY_CHILD = "a new global, in the child"
    q.put((os.getpid(), before, after, MADE_BY_CHILD))


def in_a_thread(q, payload):
    q.put(payload)  # hand back, untouched, the object we were given
    q.put(change_globals("thread"))


made = threading.Event()


def creator():
    global MADE_BY_A
    MADE_BY_A = {"made by": threading.current_thread().name}  # a new global
    made.set()


def reader(out):
    made.wait()
    out.append(MADE_BY_A)  # a global this thread never assigned


def main():
    # The child process goes first, while the globals still hold the values the
    # module gave them: that is what a child starts with whatever the start method
    # (fork copies the parent's memory as it is; spawn runs the module's top-level
    # code again in a fresh interpreter; gilded sends the globals the target uses).
    parent_pid = os.getpid()
    print("== 1. A child process changes the globals ==")
    payload = ["some", "data"]
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=in_a_child, args=(q, payload))
    p.start()
    back_from_child = q.get()
    child_pid, child_before, child_after, child_made = q.get()
    p.join()
    parent_after_child = (COUNT, list(ITEMS))
    child_made_seen = "MADE_BY_CHILD" in globals()
    print(f"  the child (pid {child_pid}; the parent is pid {parent_pid}) found COUNT, ITEMS = {child_before}")
    print(f"  and changed them to {child_after}; it also created MADE_BY_CHILD.")
    print(f"  The parent, after join(): COUNT, ITEMS = {parent_after_child}; "
          f"MADE_BY_CHILD exists here: {child_made_seen}")
    print("  The child started with its own copy and changed only that copy: we know of")
    print("  its change only because it sent it through the Queue.")
    print(f"  The list we passed it came back equal ({back_from_child == payload}) but as another "
          f"object (is: {back_from_child is payload}):")
    print(f"  id {id(payload)} sent, id {id(back_from_child)} received. The child got its own copy")
    print("  when it started, and the Queue copied (pickled) that on its way back.")

    print()
    print("== 2. A thread makes the same change ==")
    tq = queue.Queue()
    t = threading.Thread(target=in_a_thread, args=(tq, payload), name="changer")
    t.start()
    back_from_thread = tq.get()
    thread_before, thread_after = tq.get()
    t.join()
    main_after_thread = (COUNT, list(ITEMS))
    print(f"  the thread found COUNT, ITEMS = {thread_before} and changed them to {thread_after}")
    print(f"  the main thread, after join(): COUNT, ITEMS = {main_after_thread}")
    print(f"  The list we passed it came back as the very same object (is: {back_from_thread is payload}):")
    print(f"  id {id(payload)} sent, id {id(back_from_thread)} received. Nothing was copied.")

    print()
    print("== 3. A global one thread creates, another thread reads ==")
    got = []
    a = threading.Thread(target=creator, name="thread-A")
    b = threading.Thread(target=reader, args=(got,), name="thread-B")
    b.start()  # B starts first, and waits until A has made the global
    a.start()
    a.join()
    b.join()
    print(f"  thread-A assigned MADE_BY_A = {MADE_BY_A}")
    print(f"  thread-B read {got[0] if got else None}: the same object (is: {bool(got) and got[0] is MADE_BY_A})")

    print()
    print("== Claims ==")
    claim("a child process starts with the parent's values of the globals",
          child_before == (0, ["main"]), f"the child found COUNT, ITEMS = {child_before}")
    claim("the child really ran and changed its own copy, as it reports through a Queue",
          child_after == (1, ["main", "child"]) and child_pid != parent_pid,
          f"child pid {child_pid} != parent pid {parent_pid}, its copy became {child_after}")
    claim("the parent does not see the child's change to its globals, nor a global the child created",
          parent_after_child == (0, ["main"]) and not child_made_seen,
          f"parent's COUNT, ITEMS = {parent_after_child}; MADE_BY_CHILD exists: {child_made_seen}")
    claim("an object back from a child through a Queue is equal to the one sent, but another object",
          back_from_child == payload and back_from_child is not payload,
          f"equal: {back_from_child == payload}, same object: {back_from_child is payload}")
    claim("the main thread sees the change a thread made to the globals",
          thread_before == (0, ["main"]) and main_after_thread == (1, ["main", "thread"]),
          f"the thread made {thread_after}, main sees {main_after_thread}")
    claim("an object passed to a thread is the very same object, not a copy",
          back_from_thread is payload and id(back_from_thread) == id(payload),
          f"same object: {back_from_thread is payload}, id {id(back_from_thread)} == {id(payload)}")
    claim("a global created by one thread is readable by another thread",
          len(got) == 1 and got[0] is MADE_BY_A and got[0] == {"made by": "thread-A"},
          f"thread-B read {got[0] if got else None}")
    if failed:
        print(f"{len(failed)} claim(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
