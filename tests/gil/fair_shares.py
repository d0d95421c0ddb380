# gilded-args: --gil-policy fair
"""Under the fair policy, 4 CPU-bound threads running side by side for 1 s each
execute 25% +- 5% of the instructions (from gil.stats()), and the loop
iterations each thread counted itself agree with its instruction share within 2
percentage points (the statistics count what really ran).
"""
import gil
import threading
import time

THREADS = 4
TOLERANCE = 0.05

go = threading.Event()
running = True
counts = [0] * THREADS


def spin(k):
    go.wait()
    n = 0
    while running:
        n += 1
    counts[k] = n


threads = [threading.Thread(target=spin, args=(k,), name=f"spinner-{k}") for k in range(THREADS)]
for t in threads:
    t.start()
time.sleep(0.05)  # all four are now blocked in go.wait()
gil.reset_stats()
go.set()
time.sleep(1.0)
running = False
for t in threads:
    t.join()

st = gil.stats()
by_ident = {r["ident"]: r for r in st["threads"]}
instr = [by_ident[t.ident]["instructions"] for t in threads]
total = sum(instr)
shares = [i / total for i in instr]
loop_shares = [c / sum(counts) for c in counts]
for t, share, loop_share in zip(threads, shares, loop_shares):
    assert abs(share - 1 / THREADS) <= TOLERANCE, (
        f"{t.name} ran {share:.1%} of the instructions (expected 25% +- 5%); shares: "
        + ", ".join(f"{s:.1%}" for s in shares))
    assert abs(share - loop_share) <= 0.02, (
        f"{t.name}: {share:.1%} of the instructions but {loop_share:.1%} of the loop iterations")
print(f"fair_shares: {total} instructions in 1 s, {st['global']['switches']} switches, shares "
      + ", ".join(f"{s:.1%}" for s in shares))
