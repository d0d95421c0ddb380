"""Watch the GIL change hands: run this with --timeline.

    gilded --timeline scripts/threads/09_watch_the_turns.py

Three CPU-bound threads and one I/O-bound thread share the interpreter. Only the
thread holding the GIL runs bytecode, so the three calculators take turns: each runs
for one switch interval, then hands the lock to the thread that has waited longest.
The I/O thread spends its life asleep with the lock released (time.sleep gives it
up), and every time it wakes it must wait for the lock like everyone else.

The switch interval is raised to 5,000,000 instructions (about 35 ms here) so each
turn is wide enough to see in a terminal: at gilded's default of 300,000 (about 2 ms)
the turns are finer than one column of the picture.

Run it:  gilded --timeline scripts/threads/09_watch_the_turns.py   (or: python3 ...)
"""
import sys
import threading
import time

try:
    import gil
except ImportError:  # python3: no gil module
    gil = None

CALCULATORS = 3
failed = []


def claim(text, ok, measured):
    """Print whether a claim this lesson makes held, with what was measured."""
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


def calculate(n):
    total = 0
    for i in range(n):
        total += i * i % 7
    return total


def io_bound():
    for _ in range(8):
        time.sleep(0.03)


if gil is not None:
    gil.set_switch_interval(5_000_000)
    gil.reset_stats()
workers = [threading.Thread(target=io_bound, name="sleeper")]
workers += [threading.Thread(target=calculate, args=(2_000_000,), name=f"calculator-{k}")
            for k in range(CALCULATORS)]
t0 = time.perf_counter()
for t in workers:
    t.start()
for t in workers:
    t.join()
wall = time.perf_counter() - t0
print(f"{CALCULATORS} calculators and a sleeper finished in {wall:.3f} s")

if gil is None:
    print("(python3: no gil module; run it under gilded with --timeline to see the turns)")
    claim("the program ran to the end", True, f"{wall:.3f} s")
    sys.exit(0)

st = gil.stats()
threads = {t["name"]: t for t in st["threads"]}
calculators = [threads[f"calculator-{k}"] for k in range(CALCULATORS)]
sleeper = threads["sleeper"]
print()
print(f"{'thread':<14}{'turns':>6}{'held s':>9}{'waiting s':>11}{'blocked s':>11}")
for t in calculators + [sleeper]:
    print(f"{t['name']:<14}{t['acquisitions']:>6}{t['held_s']:>9.3f}{t['waiting_s']:>11.3f}"
          f"{t['blocked_s']:>11.3f}")
held = sum(t["held_s"] for t in st["threads"])
print(f"switches {st['global']['switches']}, of which forced (the interval ran out) "
      f"{st['global']['forced_switches']}")

print()
print("== Claims ==")
claim("the calculators took turns: each held the GIL several times",
      all(t["acquisitions"] >= 3 for t in calculators),
      "turns " + ", ".join(str(t["acquisitions"]) for t in calculators))
claim("the GIL was held by one thread at a time: held times add up to at most the wall time",
      held <= wall * 1.02 + 0.005, f"held {held:.3f} s in {wall:.3f} s")
claim("the sleeper spent most of its life blocked in sleep, not holding the GIL",
      sleeper["blocked_by"]["sleep"] >= 0.2 and sleeper["held_s"] < 0.05,
      f"slept {sleeper['blocked_by']['sleep']:.3f} s, held {sleeper['held_s']:.4f} s")
claim("waking up, the sleeper had to wait for the GIL held by a calculator",
      sleeper["waiting_s"] > 0.001, f"waited {sleeper['waiting_s']:.3f} s over {sleeper['acquisitions']} wake-ups")
claim("some switches were forced by the interval running out, the rest came from blocking calls",
      0 < st["global"]["forced_switches"] < st["global"]["switches"],
      f"{st['global']['forced_switches']} of {st['global']['switches']}")
if failed:
    print(f"{len(failed)} claim(s) failed")
    sys.exit(1)
