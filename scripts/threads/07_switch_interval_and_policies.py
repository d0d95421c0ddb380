"""How the GIL changes hands: the switch interval and the hand-off policy.

When several threads want to run Python code, the one holding the GIL must let
go now and then. Two knobs decide how:

- the switch interval: gilded offers the GIL to a waiting thread every N executed
  instructions (sys.setswitchinterval(N)); CPython instead lets a waiting thread
  ask for it after a time, 5 ms by default (sys.getswitchinterval() = 0.005);
- the policy (gilded: sys._set_gil_policy):
    fair   - the GIL goes straight to the thread that has waited longest;
    greedy - the holder lets go and immediately tries to grab it again, racing the
             waiters, as CPython 2 did (the holder often wins);
    timed  - CPython 3.2+: a waiter that has waited switch_seconds asks the holder
             to drop the GIL, and the holder must let another thread run.

Switching often is fair and responsive but costs time on every hand-off;
switching rarely is efficient but makes other threads wait longer.

Run it:  gilded scripts/threads/07_switch_interval_and_policies.py   (or: python3 ...)
"""
import sys
import threading
import time

GILDED = hasattr(sys, "_gil_stats")
RUN = 0.25
THREADS = 3
failed = []


def claim(text, ok, measured):
    """Print whether a claim this lesson makes held, with what was measured."""
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


def contest(threads=THREADS, policy=None, interval=None):
    """Run `threads` CPU-bound counters for RUN seconds under the given settings."""
    if policy is not None:
        sys._set_gil_policy(policy)
    if interval is not None:
        sys.setswitchinterval(interval)
    go = threading.Event()
    state = {"running": True}
    counts = [0] * threads

    def count(k):
        go.wait()
        n = 0
        while state["running"]:
            n += 1
        counts[k] = n

    workers = [threading.Thread(target=count, args=(k,)) for k in range(threads)]
    for w in workers:
        w.start()
    time.sleep(0.02)  # every worker is waiting for `go`
    if GILDED:
        sys._gil_stats_reset()
    t0 = time.perf_counter()
    go.set()
    time.sleep(RUN)
    state["running"] = False
    for w in workers:
        w.join()
    elapsed = time.perf_counter() - t0
    total = sum(counts)
    result = {
        "shares": [c / total for c in counts],
        "rate": total / elapsed,
        "elapsed": elapsed,
    }
    if GILDED:
        st = sys._gil_stats()
        result["switches"] = st["switches"]
        result["reacquisitions"] = st["reacquisitions"]
        result["p50_us"] = st["handoff_latency_us"]["p50"]
    return result


def wake_up_delay(policy=None, sleeps=5, pause=0.05):
    """Mean extra time a thread returning from sleep(pause) waits, beside a busy thread."""
    if policy is not None:
        sys._set_gil_policy(policy)
    state = {"running": True}

    def busy():
        while state["running"]:
            pass

    b = threading.Thread(target=busy)
    b.start()
    time.sleep(0.01)
    extra = []
    for _ in range(sleeps):
        t0 = time.perf_counter()
        time.sleep(pause)
        extra.append(time.perf_counter() - t0 - pause)
    state["running"] = False
    b.join()
    return sum(extra) / len(extra), max(extra)


def share_text(shares):
    return f"{min(shares):.0%}..{max(shares):.0%}"


print(f"Each experiment: {THREADS} threads counting as fast as they can for {RUN} s.")
single = contest(threads=1)
print(f"Baseline, 1 thread alone: {single['rate'] / 1e6:.2f} M counts/s")
print()

rows = []
if GILDED:
    default_interval = sys.getswitchinterval()
    default_policy = sys._get_gil_policy()
    print(f"gilded defaults: policy {default_policy}, switch interval {default_interval} instructions")
    print()
    print(f"  {'policy':7} {'interval':>9} {'switches':>9} {'per s':>7} {'re-acq':>7} "
          f"{'shares':>9} {'M counts/s':>10} {'hand-off':>9}")
    experiments = [("fair", 100), ("fair", 1000), ("fair", 10000),
                   ("greedy", 100), ("greedy", 1000), ("greedy", 10000),
                   ("timed", 0.005), ("timed", 0.001)]
    for policy, interval in experiments:
        r = contest(policy=policy, interval=interval)
        r["policy"], r["interval"] = policy, interval
        rows.append(r)
        label = f"{interval * 1000:g} ms" if isinstance(interval, float) else str(interval)
        print(f"  {policy:7} {label:>9} {r['switches']:>9} {r['switches'] / r['elapsed']:>7.0f} "
              f"{r['reacquisitions']:>7} {share_text(r['shares']):>9} {r['rate'] / 1e6:>10.2f} "
              f"{r['p50_us']:>6.1f} us")
    print()
    print("  How to read it:")
    print("  - fair: the smaller the interval, the more hand-offs, and the more time lost")
    print("    handing over (fewer counts per second); the shares stay equal.")
    print("  - greedy: many offers end with the holder taking the GIL right back")
    print("    ('re-acq'); threads can be starved for a while, so shares may differ.")
    print("  - timed: hand-offs happen per unit of time, whatever the instruction count:")
    print("    about one per switch interval (5 ms -> about 200 per second).")
    print("  - No setting makes 3 threads count faster than 1 thread alone: one GIL.")
    print()
    print("A thread coming back from I/O must get the GIL back from a busy thread:")
    delays = {}
    sys.setswitchinterval(default_interval)
    sys.setswitchinterval(0.005)
    for policy in ("fair", "greedy", "timed"):
        delays[policy] = wake_up_delay(policy)
        mean, worst = delays[policy]
        print(f"  {policy:7} extra wait after sleep(0.05): mean {mean * 1000:7.2f} ms, worst {worst * 1000:7.2f} ms")
    print("  fair hands the GIL to it at the busy thread's next offer; timed makes it wait")
    print("  up to one switch interval (5 ms) before it may ask; greedy may let the busy")
    print("  thread win the race again and again.")
    sys._set_gil_policy(default_policy)
else:
    print("(python3: sys._gil_stats() and the policies exist only in gilded; CPython has one")
    print(f" design, 'timed', with a switch interval of {sys.getswitchinterval()} s.)")
    r = contest()
    rows.append(r)
    print(f"  CPython, {THREADS} threads: {r['rate'] / 1e6:.2f} M counts/s in all, shares {share_text(r['shares'])}")
    mean, worst = wake_up_delay()
    print(f"  extra wait after sleep(0.05) beside a busy thread: mean {mean * 1000:.2f} ms, worst {worst * 1000:.2f} ms")

print()
print("== Claims ==")
best = max(rows, key=lambda r: r["rate"])
claim(f"no setting makes {THREADS} CPU-bound threads count faster than 1 thread alone",
      best["rate"] <= 1.15 * single["rate"],
      f"best {best['rate'] / 1e6:.2f} M/s vs 1 thread {single['rate'] / 1e6:.2f} M/s")
if GILDED:
    fair = {r["interval"]: r for r in rows if r["policy"] == "fair"}
    claim("fair: a smaller switch interval means more hand-offs",
          fair[100]["switches"] >= 5 * fair[10000]["switches"],
          f"N=100: {fair[100]['switches']}, N=10000: {fair[10000]['switches']}")
    claim("fair: hand-offs cost time, so N=100 counts slower than N=10000",
          fair[100]["rate"] < 0.95 * fair[10000]["rate"],
          f"{fair[100]['rate'] / 1e6:.2f} vs {fair[10000]['rate'] / 1e6:.2f} M counts/s")
    spread = max(max(r["shares"]) - min(r["shares"]) for r in fair.values())
    claim("fair: every thread gets an equal share (within 10 points) at every interval",
          spread <= 0.10, f"largest spread {spread:.1%}")
    timed5 = [r for r in rows if r["policy"] == "timed" and r["interval"] == 0.005][0]
    per_second = timed5["switches"] / timed5["elapsed"]
    claim("timed: about one hand-off per 5 ms switch interval (100 to 240 per second)",
          100 <= per_second <= 240, f"{per_second:.0f} per second")
    claim("fair: a thread back from sleep gets the GIL within 20 ms on average",
          delays["fair"][0] <= 0.020, f"mean {delays['fair'][0] * 1000:.2f} ms")
if failed:
    print(f"{len(failed)} claim(s) failed")
    sys.exit(1)
