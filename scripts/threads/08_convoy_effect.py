"""The convoy effect: an I/O-bound thread slowed down by a CPU-bound one.

Lesson 06 showed that a thread waiting for I/O gives the GIL up, so waits overlap.
The other half of the story: when the wait is over, the thread must get the GIL
*back* before it can run the next line of Python. If another thread is busy
computing, it holds the GIL, and the I/O thread queues behind it until the holder
lets go: at its next switch offer (gilded's fair policy, every N instructions),
after the waiter has asked for it and waited one switch interval (the timed policy,
CPython 3.2+'s design: 5 ms), or only when the holder loses a race it usually wins
(the greedy policy, CPython 2's design).

One such wait is short. But an I/O-bound thread does many short operations (a
network client reading small replies, a server answering small requests), and it
pays the wait after *every one of them*. Here the I/O thread does 200 operations of
1 ms each (time.sleep(0.001), standing in for a socket read or a disk access): alone
that takes about 0.2 s; beside one busy thread it can take many times longer, while
the I/O thread itself does almost nothing but wait. The busy thread hardly notices.
This is David Beazley's "convoy effect" (2010), and why a CPU-heavy thread ruins the
response time of an I/O thread in the same process: move the computation to another
process (the lesson on processes) and the I/O thread runs at full speed again.

Run it:  gilded scripts/threads/08_convoy_effect.py   (or: python3 ...)
"""
import sys
import threading
import time

try:
    import gil  # gilded's built-in module: the GIL's statistics and settings
except ImportError:  # python3 has no such module
    gil = None
GILDED = gil is not None
OPS = 200
OP_SECONDS = 0.001
failed = []


def claim(text, ok, measured):
    """Print whether a claim this lesson makes held, with what was measured."""
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


def io_bound():
    """Many short blocking operations, with a little Python in between."""
    done = 0
    for _ in range(OPS):
        time.sleep(OP_SECONDS)  # the GIL is released here and must be re-taken after
        done += 1
    return done


def phase(policy=None, beside_cpu=False):
    """Run the I/O thread once, alone or beside a CPU-bound thread, under `policy`.
    Returns what was measured: wall time, and (gilded) the I/O thread's GIL record."""
    if policy is not None:
        gil.set_policy(policy)
    state = {"running": True, "counted": 0}

    def cpu_bound():
        n = 0
        while state["running"]:
            n += 1
        state["counted"] = n

    cpu = threading.Thread(target=cpu_bound, name="cpu-bound")
    if beside_cpu:
        cpu.start()
        time.sleep(0.02)  # it is now running, holding the GIL
    io = threading.Thread(target=io_bound, name="io-bound")
    if GILDED:
        gil.reset_stats()
    t0 = time.perf_counter()
    io.start()
    io.join()
    wall = time.perf_counter() - t0
    st = gil.stats() if GILDED else None
    state["running"] = False
    if beside_cpu:
        cpu.join()
    result = {"wall": wall}
    if GILDED:
        rec = [r for r in st["threads"] if r["ident"] == io.ident][-1]
        result.update(
            acquisitions=rec["acquisitions"],
            waiting=rec["waiting_s"],
            mean_wait=rec["waiting_s"] / max(1, rec["acquisitions"]),
            longest_wait=rec["longest_wait_s"],
            sleep=rec["blocked_by"]["sleep"],
            held=rec["held_s"],
        )
        if beside_cpu:
            cpu_rec = [r for r in st["threads"] if r["ident"] == cpu.ident][-1]
            # How long one switch interval lasts, in seconds, for this CPU-bound loop.
            rate = cpu_rec["instructions"] / max(1e-9, cpu_rec["held_s"])
            result["interval_s"] = st["switch_interval"] / rate if st["switch_interval"] else None
            result["cpu_share"] = cpu_rec["held_s"] / wall
    return result


def ms(seconds):
    return f"{seconds * 1000:.1f}"


print(f"== The I/O-bound thread: {OPS} operations of {OP_SECONDS * 1000:g} ms each "
      f"(about {OPS * OP_SECONDS:.1f} s of waiting) ==")
print()
rows = {}
if GILDED:
    default_policy = gil.policy()
    rows["alone"] = phase(default_policy)
    for policy in ("fair", "greedy", "timed"):
        rows[policy] = phase(policy, beside_cpu=True)
    gil.set_policy(default_policy)
    alone = rows["alone"]
    print(f"  {'':22} {'total ms':>9} {'slower':>7} {'GIL waits':>9} {'waiting ms':>10} "
          f"{'mean wait':>10} {'longest':>8}")
    for key, label in (("alone", "alone"), ("fair", "beside CPU, fair"),
                       ("greedy", "beside CPU, greedy"), ("timed", "beside CPU, timed")):
        r = rows[key]
        print(f"  {label:22} {ms(r['wall']):>9} {r['wall'] / alone['wall']:>6.1f}x "
              f"{r['acquisitions']:>9} {ms(r['waiting']):>10} {r['mean_wait'] * 1e6:>7.0f} us "
              f"{ms(r['longest_wait']):>5} ms")
    fair = rows["fair"]
    print()
    print("  'GIL waits' is how many times the I/O thread acquired the GIL (once per")
    print("  operation, plus its start); 'waiting' is the time it spent queueing for it.")
    print(f"  Alone, nobody holds the GIL when an operation ends: the thread takes it at once.")
    if fair["interval_s"]:
        print(f"  fair: the busy thread offers the GIL every {gil.switch_interval()} instructions,")
        print(f"    about every {fair['interval_s'] * 1000:.2f} ms here: a woken I/O thread waits for the next")
        print("    offer, on average about half an interval.")
    print(f"  timed: the woken thread waits a whole switch interval ({gil.stats()['switch_seconds'] * 1000:g} ms) before")
    print("    it may ask for the GIL: every 1 ms operation costs 5 ms more. CPython does this.")
    print("  greedy: the busy thread re-takes the GIL at its offers and wins most races;")
    print("    the I/O thread gets through only when the lock decides it has starved.")
    print("    (Usually the worst of the three; on a busy machine the OS also preempts the")
    print("    holder, letting the I/O thread win a race, so this is not claimed below.)")
    print(f"  The I/O thread's own work is tiny (it held the GIL {ms(fair['held'])} ms in all under")
    print("  fair): the slowdown is all queueing behind the busy thread.")
else:
    rows["alone"] = phase()
    rows["beside"] = phase(beside_cpu=True)
    alone, beside = rows["alone"], rows["beside"]
    print(f"  alone:                {ms(alone['wall']):>7} ms")
    print(f"  beside a busy thread: {ms(beside['wall']):>7} ms  ({beside['wall'] / alone['wall']:.1f}x slower)")
    print(f"  (python3: the gil module exists only in gilded; CPython's GIL is the 'timed' design,")
    print(f"  switch interval {sys.getswitchinterval() * 1000:g} ms: each operation waits about that long for the GIL.)")

print()
print("== Claims ==")
alone = rows["alone"]
if GILDED:
    beside = rows["timed"]  # CPython's design, for the claim both interpreters share
else:
    beside = rows["beside"]
claim("beside a CPU-bound thread, the I/O-bound thread takes at least twice as long as alone "
      + ("(timed policy, CPython's design)" if GILDED else "(CPython)"),
      beside["wall"] >= 2 * alone["wall"],
      f"{ms(beside['wall'])} ms vs {ms(alone['wall'])} ms alone, {beside['wall'] / alone['wall']:.1f}x")
if GILDED:
    beside_rows = [rows[p] for p in ("fair", "greedy", "timed")]
    claim("alone, the I/O thread gets the GIL at once after every operation (mean wait under 50 us)",
          alone["mean_wait"] < 50e-6 and alone["acquisitions"] >= OPS,
          f"mean {alone['mean_wait'] * 1e6:.1f} us over {alone['acquisitions']} acquisitions")
    claim("beside a CPU-bound thread it waits for the GIL after its operations: mean wait per "
          "acquisition at least 5x the alone case, and at least 100 us, under every policy",
          all(r["mean_wait"] >= max(5 * alone["mean_wait"], 100e-6) for r in beside_rows),
          ", ".join(f"{p} {rows[p]['mean_wait'] * 1e6:.0f} us" for p in ("fair", "greedy", "timed"))
          + f" vs {alone['mean_wait'] * 1e6:.1f} us alone")
    claim("the lost time is GIL waiting: under greedy and timed, waiting_s is 70%..110% of the slowdown",
          all(0.7 * (rows[p]["wall"] - alone["wall"]) <= rows[p]["waiting"]
              <= 1.1 * (rows[p]["wall"] - alone["wall"]) for p in ("greedy", "timed")),
          ", ".join(f"{p}: waited {ms(rows[p]['waiting'])} of {ms(rows[p]['wall'] - alone['wall'])} ms extra"
                    for p in ("greedy", "timed")))
    switch_seconds = gil.stats()["switch_seconds"]
    claim("timed: each operation waits about one switch interval for the GIL "
          f"(mean wait {switch_seconds * 500:g}..{switch_seconds * 3000:g} ms)",
          0.5 * switch_seconds <= rows["timed"]["mean_wait"] <= 3 * switch_seconds,
          f"mean {rows['timed']['mean_wait'] * 1000:.2f} ms, switch interval {switch_seconds * 1000:g} ms")
    claim("fair: the I/O thread waits least (mean wait under half the timed and greedy ones)",
          rows["fair"]["mean_wait"] * 2 <= min(rows["timed"]["mean_wait"], rows["greedy"]["mean_wait"]),
          f"fair {rows['fair']['mean_wait'] * 1000:.2f} ms, timed {rows['timed']['mean_wait'] * 1000:.2f} ms, "
          f"greedy {rows['greedy']['mean_wait'] * 1000:.2f} ms")
    if fair["interval_s"]:
        claim("fair: a woken I/O thread gets the GIL at the busy thread's next offer "
              "(mean wait at most one switch interval's time + 0.5 ms)",
              fair["mean_wait"] <= fair["interval_s"] + 0.0005,
              f"mean {fair['mean_wait'] * 1000:.2f} ms, one interval = {fair['interval_s'] * 1000:.2f} ms")
if failed:
    print(f"{len(failed)} claim(s) failed")
    sys.exit(1)
