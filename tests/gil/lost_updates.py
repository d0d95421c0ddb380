# gilded-args: --switch-interval 1 --gil-policy fair
"""Without a lock, `counter += 1` on a global loses updates when the GIL may change
hands between any two instructions (N=1): two threads doing 4,000 increments each end
below 8,000. Up to 5 rounds; each round must show real interleaving (at least 1,000
switches between the two threads) for its result to count.
"""
import sys
import threading

PER_THREAD = 4000
counter = 0


def work():
    global counter
    for _ in range(PER_THREAD):
        counter += 1


rounds = []
for attempt in range(5):
    counter = 0
    sys._gil_stats_reset()
    threads = [threading.Thread(target=work) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    st = sys._gil_stats()
    lost = 2 * PER_THREAD - counter
    rounds.append((lost, st["switches"]))
    assert counter <= 2 * PER_THREAD, f"counter {counter} exceeds {2 * PER_THREAD}: updates invented"
    if lost > 0 and st["switches"] >= 1000:
        break

lost, switches = rounds[-1]
assert lost > 0 and switches >= 1000, (
    f"no lost update with real interleaving in {len(rounds)} rounds (lost, switches): {rounds}")
print(f"lost_updates: {lost} of {2 * PER_THREAD} increments lost ({lost / (2 * PER_THREAD):.1%}) "
      f"with {switches} switches, round {len(rounds)}")
