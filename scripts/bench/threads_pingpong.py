"""Hand-off latency: two threads ping-pong through two Events.

    threads_pingpong.py rounds=R

Thread A sets `ping` and waits for `pong`; thread B waits for `ping`, then sets
`pong`. Every round trip hands the GIL over twice, through a blocking wait. Prints
`us_per_round_trip=...` (wall time / R). Run bare (as scripts/bench/run.py does)
it does 2000 rounds and prints only the round count.
"""
import sys
import threading
import time


def options(defaults):
    opts = dict(defaults)
    for arg in sys.argv[1:]:
        key, _, value = arg.partition("=")
        if key not in opts:
            sys.exit(f"unknown option {arg!r}; expected {', '.join(f'{k}=' for k in defaults)}")
        opts[key] = value
    return opts


def pinger(rounds, ping, pong):
    for _ in range(rounds):
        ping.set()
        pong.wait()
        pong.clear()


def ponger(rounds, ping, pong, done):
    for _ in range(rounds):
        ping.wait()
        ping.clear()
        done.append(1)
        pong.set()


if __name__ == "__main__":
    rounds = int(options({"rounds": "2000"})["rounds"])
    ping, pong = threading.Event(), threading.Event()
    done = []
    b = threading.Thread(target=ponger, args=(rounds, ping, pong, done))
    a = threading.Thread(target=pinger, args=(rounds, ping, pong))
    b.start()
    time.sleep(0.01)  # B is waiting for the first ping
    t0 = time.perf_counter()
    a.start()
    a.join()
    seconds = time.perf_counter() - t0
    b.join()
    if len(sys.argv) > 1:
        print(f"rounds={len(done)} us_per_round_trip={seconds / rounds * 1e6:.3f}")
    else:
        print(f"rounds={len(done)}")
