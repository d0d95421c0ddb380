"""The switch-interval and policy API round-trips:

- sys.setswitchinterval(int) sets the instruction interval: getswitchinterval() and
  gil.stats()['switch_interval'] give it back;
- sys.setswitchinterval(float) sets the timed policy's seconds:
  gil.stats()['switch_seconds'] gives it back and the instruction interval is
  unchanged; getswitchinterval() answers in the current policy's unit (seconds under
  timed, instructions under fair and greedy);
- setswitchinterval(0) means "never switch at an instruction boundary" and reads back 0;
- non-positive or non-numeric intervals raise ValueError / TypeError and change nothing;
- gil.set_policy / gil.policy round-trip for fair, greedy and timed, and
  an unknown name raises ValueError;
- sys._is_gil_enabled() is True; gil.reset_stats() zeroes the counters;
- gil.switch_interval() / gil.set_switch_interval(n) are the same instruction
  interval as getswitchinterval() under fair (ints only, 0 = never), and
  gil.holder() is the calling thread's ident.
"""
import gil
import sys
import threading

st = gil.stats()
assert st["policy"] in ("fair", "greedy", "timed"), st["policy"]
default = st["switch_interval"]
assert type(default) is int and default >= 1, f"default switch interval {default!r} is not a positive int"
if st["policy"] != "timed":
    assert sys.getswitchinterval() == default, f"stats say {default}, getswitchinterval says {sys.getswitchinterval()}"
gil.set_policy("fair")
assert abs(st["switch_seconds"] - 0.005) < 1e-12, f"default switch_seconds {st['switch_seconds']}, expected 0.005"

for n in (1, 7, 250, 10_000, 1_000_000):
    sys.setswitchinterval(n)
    got = sys.getswitchinterval()
    assert got == n and type(got) is int, f"setswitchinterval({n}) then getswitchinterval() -> {got!r}"
    assert gil.stats()["switch_interval"] == n

sys.setswitchinterval(250)
sys.setswitchinterval(0.002)
st = gil.stats()
assert abs(st["switch_seconds"] - 0.002) < 1e-12, f"switch_seconds {st['switch_seconds']} after setswitchinterval(0.002)"
assert st["switch_interval"] == 250, f"a float changed the instruction interval to {st['switch_interval']}"
gil.set_policy("timed")
got = sys.getswitchinterval()
assert got == 0.002 and type(got) is float, f"under timed, getswitchinterval() -> {got!r}, expected 0.002"
gil.set_policy("fair")
got = sys.getswitchinterval()
assert got == 250 and type(got) is int, f"under fair, getswitchinterval() -> {got!r}, expected 250"

sys.setswitchinterval(0)
assert sys.getswitchinterval() == 0, f"setswitchinterval(0) then getswitchinterval() -> {sys.getswitchinterval()!r}"
assert gil.stats()["switch_interval"] == 0, gil.stats()["switch_interval"]
sys.setswitchinterval(250)

for bad, exc in ((-1, ValueError), (0.0, ValueError), (-0.5, ValueError), ("10", TypeError), (None, TypeError)):
    try:
        sys.setswitchinterval(bad)
    except exc:
        pass
    else:
        raise AssertionError(f"setswitchinterval({bad!r}) did not raise {exc.__name__}")
    st = gil.stats()
    assert st["switch_interval"] == 250 and abs(st["switch_seconds"] - 0.002) < 1e-12, (
        f"setswitchinterval({bad!r}) failed but changed the settings: {st['switch_interval']}, {st['switch_seconds']}")

for policy in ("greedy", "timed", "fair"):
    gil.set_policy(policy)
    assert gil.policy() == policy, f"gil.set_policy({policy!r}) -> {gil.policy()!r}"
    assert gil.stats()["policy"] == policy
try:
    gil.set_policy("round-robin")
except ValueError:
    pass
else:
    raise AssertionError("gil.set_policy('round-robin') did not raise ValueError")
assert gil.policy() == "fair"

assert sys._is_gil_enabled() is True
gil.reset_stats()
st = gil.stats()
g = st["global"]
assert g["switches"] == 0 and g["handoff_latency"]["count"] == 0, f"reset left {g['switches']} switches"
main = st["threads"][0]
assert main["alive"] is True and main["name"] == "MainThread", main
assert set(main) >= {"ident", "name", "alive", "instructions", "acquisitions", "held_s", "waiting_s", "blocked_s",
                     "started_ns", "ended_ns", "blocked_by", "longest_hold_s", "longest_wait_s"}, sorted(main)

# The gil module's own interval API: instructions only, and the holder.
assert gil.switch_interval() == 250 == sys.getswitchinterval(), (gil.switch_interval(), sys.getswitchinterval())
gil.set_switch_interval(1234)
assert gil.switch_interval() == 1234 == sys.getswitchinterval() == gil.stats()["switch_interval"], gil.switch_interval()
for bad, exc in ((-1, ValueError), (0.5, TypeError), ("10", TypeError)):
    try:
        gil.set_switch_interval(bad)
    except exc:
        pass
    else:
        raise AssertionError(f"gil.set_switch_interval({bad!r}) did not raise {exc.__name__}")
    assert gil.switch_interval() == 1234, f"gil.set_switch_interval({bad!r}) failed but set {gil.switch_interval()}"
gil.set_switch_interval(0)
assert gil.switch_interval() == 0 == sys.getswitchinterval()
gil.set_switch_interval(250)
assert gil.holder() == threading.get_ident(), f"gil.holder() is {gil.holder()}, the main thread is {threading.get_ident()}"
print(f"switch_interval_api: default interval {default}, int/float/policy round-trips and errors as expected")
