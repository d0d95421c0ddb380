"""The gil module's API: every function, its errors, and its agreement with sys.

- gil.stats() has the documented top-level keys (docs/stats-json.md), no trace, and
  version 1; gil.reset_stats() zeroes the switch count;
- gil.policy()/set_policy() round-trip every policy, and reject others with
  ValueError naming the choices;
- gil.switch_interval()/set_switch_interval() take instructions (0 = never), refuse
  negatives and non-ints, and agree with sys.getswitchinterval();
- gil.holder() is the calling thread's ident, also in another thread.
"""
import gil
import sys
import threading

st = gil.stats()
keys = ["version", "pid", "policy", "switch_interval", "switch_seconds", "started_ns",
        "ended_ns", "global", "threads", "locks", "trace", "children"]
assert sorted(st) == sorted(keys), sorted(st)
assert st["version"] == 1 and st["trace"] is None, (st["version"], st["trace"])
assert st["threads"][0]["name"] == "MainThread", st["threads"][0]

for policy in ["greedy", "timed", "fair"]:
    gil.set_policy(policy)
    assert gil.policy() == policy == gil.stats()["policy"], (policy, gil.policy())
for bad in ["round-robin", 3, None]:
    try:
        gil.set_policy(bad)
    except ValueError as e:
        assert str(e) == f"unknown GIL policy {bad!r} (expected 'fair', 'greedy' or 'timed')", e
    else:
        raise AssertionError(f"set_policy({bad!r}) was accepted")

gil.set_switch_interval(1234)
assert gil.switch_interval() == 1234 == sys.getswitchinterval(), gil.switch_interval()
gil.set_switch_interval(0)
assert gil.switch_interval() == 0, gil.switch_interval()
sys.setswitchinterval(5000)
assert gil.switch_interval() == 5000, gil.switch_interval()
for bad, error in [(-1, ValueError), (2.5, TypeError), ("10", TypeError)]:
    try:
        gil.set_switch_interval(bad)
    except error:
        pass
    else:
        raise AssertionError(f"set_switch_interval({bad!r}) was accepted")
try:
    gil.stats(1)
except TypeError as e:
    assert "takes no arguments" in str(e), e
else:
    raise AssertionError("stats(1) was accepted")

assert gil.holder() == threading.get_ident()
seen = []
worker = threading.Thread(target=lambda: seen.append((gil.holder(), threading.get_ident())))
worker.start()
worker.join()
assert seen[0][0] == seen[0][1] != threading.get_ident(), seen

gil.set_switch_interval(1)
counter = [0]


def spin():
    for _ in range(20_000):
        counter[0] += 1


threads = [threading.Thread(target=spin) for _ in range(2)]
for t in threads:
    t.start()
for t in threads:
    t.join()
assert gil.stats()["global"]["switches"] > 0
gil.reset_stats()
after = gil.stats()["global"]
assert after["switches"] == 0 and after["forced_switches"] == 0, after
print("gil_module: stats keys, policies, switch interval, holder and reset all as documented")
