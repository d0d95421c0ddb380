# gilded-args: --switch-interval 1 --gil-policy fair
"""Without a lock, `counter += 1` on a global loses updates when the GIL may change
hands between any two instructions (N=1): two threads doing 4,000 increments each end
below 8,000. At N=1 the fair policy is a strict round-robin: the two loops run in
lockstep, and for a few of their possible alignments no update is lost. Hence up to
8 rounds; a round counts only with real interleaving (at least 1,000 switches).
"""
import gil
import threading

PER_THREAD = 4000
counter = 0


def start_line(arrived, n):
    """Spin until `n` threads have arrived. Then all of them are runnable and queued for
    the GIL, so their work interleaves from its first instruction: a blocking barrier
    would leave some asleep in the OS for a while, and on a busy machine a short
    workload could finish before they wake."""
    arrived.append(1)
    while len(arrived) < n:
        pass


def work(arrived):
    global counter
    start_line(arrived, 2)
    for _ in range(PER_THREAD):
        counter += 1


rounds = []
for attempt in range(8):
    counter = 0
    gil.reset_stats()
    arrived = []
    threads = [threading.Thread(target=work, args=(arrived,)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    st = gil.stats()
    lost = 2 * PER_THREAD - counter
    rounds.append((lost, st["global"]["switches"]))
    assert counter <= 2 * PER_THREAD, f"counter {counter} exceeds {2 * PER_THREAD}: updates invented"
    if lost > 0 and st["global"]["switches"] >= 1000:
        break

lost, switches = rounds[-1]
assert lost > 0 and switches >= 1000, (
    f"no lost update with real interleaving in {len(rounds)} rounds (lost, switches): {rounds}")
print(f"lost_updates: {lost} of {2 * PER_THREAD} increments lost ({lost / (2 * PER_THREAD):.1%}) "
      f"with {switches} switches, round {len(rounds)}")
