# Pipe(duplex=False) returns (reader, writer); EOFError once every writer is closed.
import multiprocessing


def writer(w, n):
    for i in range(n):
        w.send(i * 3)
    w.close()


if __name__ == "__main__":
    r, w = multiprocessing.Pipe(duplex=False)
    print("reader:", r.readable, r.writable, "writer:", w.readable, w.writable)
    p = multiprocessing.Process(target=writer, args=(w, 4))
    p.start()
    w.close()  # the parent's copy: now only the child holds the write end
    got = []
    try:
        while True:
            got.append(r.recv())
    except EOFError:
        print("EOFError after", got)
    p.join()
    try:
        r.send(1)
    except OSError as e:
        print("OSError:", e)
    r2, w2 = multiprocessing.Pipe(duplex=False)
    try:
        w2.recv()
    except OSError as e:
        print("OSError:", e)
    w2.close()
    try:
        r2.recv()
    except EOFError:
        print("EOFError on a closed pipe")
