"""Processes do not share memory: they talk through a Queue or a Pipe.

A child changes a global list: the parent's list does not change (each process has
its own copy of everything). What the child has to say, it sends: through a Queue
(any number of producers and consumers, objects pickled on the way) or through a Pipe
(two ends, each end can send and receive).

Run it:  gilded scripts/processes/03_ipc_queue_pipe.py   (or: python3 ...)
"""
import multiprocessing
import sys
import time

failed = []


def median(values):
    s = sorted(values)
    mid = len(s) // 2
    return s[mid] if len(s) % 2 else (s[mid - 1] + s[mid]) / 2
SEEN = ["parent's item"]


def claim(text, ok, measured):
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


def change_global(q):
    SEEN.append("child's item")
    q.put(list(SEEN))


def producer(q, k, count):
    for i in range(count):
        q.put((k, i, f"message {i} from producer {k}"))
    q.put((k, None, "done"))


def echo_server(conn):
    while True:
        msg = conn.recv()
        if msg is None:
            break
        conn.send(msg)
    conn.close()


def main():
    print("== 1. No shared memory ==")
    q = multiprocessing.Queue()
    p = multiprocessing.Process(target=change_global, args=(q,))
    p.start()
    child_view = q.get()
    p.join()
    print(f"  the child's SEEN:  {child_view}")
    print(f"  the parent's SEEN: {SEEN}")

    print("\n== 2. A Queue: 2 producers, 1 consumer (the parent) ==")
    count = 2000
    q = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=producer, args=(q, k, count)) for k in range(2)]
    t0 = time.perf_counter()
    for pr in procs:
        pr.start()
    got = {0: [], 1: []}
    done = 0
    while done < 2:
        k, i, text = q.get()
        if i is None:
            done += 1
        else:
            got[k].append(i)
    took = time.perf_counter() - t0
    for pr in procs:
        pr.join()
    total = len(got[0]) + len(got[1])
    print(f"  {total} messages in {took:.3f} s ({took / total * 1e6:.1f} us each, start-up included)")
    print("  each producer's messages arrive in the order it sent them; between the two")
    print("  producers the order is whatever the OS made of it.")

    print("\n== 3. A Pipe: a round trip to an echo process ==")
    here, there = multiprocessing.Pipe()
    p = multiprocessing.Process(target=echo_server, args=(there,))
    p.start()
    payloads = [1, "text", [1, 2, {"nested": (3, 4)}], b"\x00" * 1000, {"k": 3.5}]
    echoed = []
    for payload in payloads:
        here.send(payload)
        echoed.append(here.recv())
    rounds = []
    for _ in range(300):
        t0 = time.perf_counter()
        here.send(0)
        here.recv()
        rounds.append(time.perf_counter() - t0)
    here.send(None)
    p.join()
    rt = median(rounds) * 1e6
    print(f"  {len(payloads)} kinds of objects sent and echoed back; round trip median {rt:.1f} us")
    print("  (a method call in one process takes well under a microsecond: a message to")
    print("  another process costs a system call, a copy and a wake-up on each side).")

    print()
    print("== Claims ==")
    claim("a child's change to a global is not seen by the parent",
          SEEN == ["parent's item"] and child_view == ["parent's item", "child's item"],
          f"parent {SEEN}, child {child_view}")
    claim("every queued message arrived, each producer's in order",
          got[0] == list(range(count)) and got[1] == list(range(count)), f"{total} of {2 * count}")
    claim("objects come back from the other end of a Pipe equal", echoed == payloads,
          f"{len(echoed)} objects")
    claim("a Pipe round trip to another process costs more than a microsecond", rt > 1.0,
          f"median {rt:.1f} us")
    if failed:
        print(f"{len(failed)} claim(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
