"""Every N instructions, while another thread waits, the holder offers the GIL; the
policy decides who takes it. With two CPU-bound threads at N=1000:

- fair: every offer is a switch (re-acquisitions stay under 5% of switches), and
  switches ~= instructions / N within 30%;
- greedy: the holder races the waiter, so offers end as switches or as re-acquisitions
  by the holder: switches + reacquisitions ~= instructions / N within 30%, and the
  holder wins most races (more re-acquisitions than switches; measured: about 2,000
  re-acquisitions per switch, a waiter gets the GIL only when it has starved).
"""
import gil
import sys
import threading
import time

N = 1000
RUN = 0.4
running = True


def spin():
    n = 0
    while running:
        n += 1


def measure(policy):
    global running
    gil.set_policy(policy)
    sys.setswitchinterval(N)
    running = True
    threads = [threading.Thread(target=spin) for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(0.02)
    gil.reset_stats()
    time.sleep(RUN)
    st = gil.stats()
    running = False
    for t in threads:
        t.join()
    by_ident = {r["ident"]: r for r in st["threads"]}
    executed = sum(by_ident[t.ident]["instructions"] for t in threads)
    return st["global"]["switches"], st["global"]["reacquisitions"], executed / N


lines = []
switches, reacq, offers = measure("fair")
assert abs(switches - offers) <= 0.3 * offers, f"fair: {switches} switches, expected {offers:.0f} +-30%"
assert reacq <= 0.05 * switches, f"fair: {reacq} re-acquisitions for {switches} switches"
lines.append(f"fair {switches} switches + {reacq} re-acquisitions for {offers:.0f} offers")
switches, reacq, offers = measure("greedy")
assert abs(switches + reacq - offers) <= 0.3 * offers, (
    f"greedy: {switches} switches + {reacq} re-acquisitions, expected {offers:.0f} offers +-30%")
assert reacq > switches, f"greedy: the holder won only {reacq} races and lost {switches}"
lines.append(f"greedy {switches} switches + {reacq} re-acquisitions for {offers:.0f} offers "
             f"(holder won {reacq / max(1, switches + reacq):.0%})")
print("policy_offers: " + "; ".join(lines))
