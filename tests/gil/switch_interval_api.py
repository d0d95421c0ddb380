"""The switch-interval and policy API round-trips:

- sys.setswitchinterval(int) sets the instruction interval: getswitchinterval() and
  _gil_stats()['switch_interval'] give it back;
- sys.setswitchinterval(float) sets the timed policy's seconds:
  _gil_stats()['switch_seconds'] gives it back and the instruction interval is
  unchanged; getswitchinterval() answers in the current policy's unit (seconds under
  timed, instructions under fair and greedy);
- setswitchinterval(0) means "never switch at an instruction boundary" and reads back 0;
- non-positive or non-numeric intervals raise ValueError / TypeError and change nothing;
- sys._set_gil_policy / _get_gil_policy round-trip for fair, greedy and timed, and
  an unknown name raises ValueError;
- sys._is_gil_enabled() is True; _gil_stats_reset() zeroes the counters.
"""
import sys

st = sys._gil_stats()
assert st["policy"] in ("fair", "greedy", "timed"), st["policy"]
default = st["switch_interval"]
assert type(default) is int and default >= 1, f"default switch interval {default!r} is not a positive int"
if st["policy"] != "timed":
    assert sys.getswitchinterval() == default, f"stats say {default}, getswitchinterval says {sys.getswitchinterval()}"
sys._set_gil_policy("fair")
assert abs(st["switch_seconds"] - 0.005) < 1e-12, f"default switch_seconds {st['switch_seconds']}, expected 0.005"

for n in (1, 7, 250, 10_000, 1_000_000):
    sys.setswitchinterval(n)
    got = sys.getswitchinterval()
    assert got == n and type(got) is int, f"setswitchinterval({n}) then getswitchinterval() -> {got!r}"
    assert sys._gil_stats()["switch_interval"] == n

sys.setswitchinterval(250)
sys.setswitchinterval(0.002)
st = sys._gil_stats()
assert abs(st["switch_seconds"] - 0.002) < 1e-12, f"switch_seconds {st['switch_seconds']} after setswitchinterval(0.002)"
assert st["switch_interval"] == 250, f"a float changed the instruction interval to {st['switch_interval']}"
sys._set_gil_policy("timed")
got = sys.getswitchinterval()
assert got == 0.002 and type(got) is float, f"under timed, getswitchinterval() -> {got!r}, expected 0.002"
sys._set_gil_policy("fair")
got = sys.getswitchinterval()
assert got == 250 and type(got) is int, f"under fair, getswitchinterval() -> {got!r}, expected 250"

sys.setswitchinterval(0)
assert sys.getswitchinterval() == 0, f"setswitchinterval(0) then getswitchinterval() -> {sys.getswitchinterval()!r}"
assert sys._gil_stats()["switch_interval"] == 0, sys._gil_stats()["switch_interval"]
sys.setswitchinterval(250)

for bad, exc in ((-1, ValueError), (0.0, ValueError), (-0.5, ValueError), ("10", TypeError), (None, TypeError)):
    try:
        sys.setswitchinterval(bad)
    except exc:
        pass
    else:
        raise AssertionError(f"setswitchinterval({bad!r}) did not raise {exc.__name__}")
    st = sys._gil_stats()
    assert st["switch_interval"] == 250 and abs(st["switch_seconds"] - 0.002) < 1e-12, (
        f"setswitchinterval({bad!r}) failed but changed the settings: {st['switch_interval']}, {st['switch_seconds']}")

for policy in ("greedy", "timed", "fair"):
    sys._set_gil_policy(policy)
    assert sys._get_gil_policy() == policy, f"_set_gil_policy({policy!r}) -> {sys._get_gil_policy()!r}"
    assert sys._gil_stats()["policy"] == policy
try:
    sys._set_gil_policy("round-robin")
except ValueError:
    pass
else:
    raise AssertionError("_set_gil_policy('round-robin') did not raise ValueError")
assert sys._get_gil_policy() == "fair"

assert sys._is_gil_enabled() is True
sys._gil_stats_reset()
st = sys._gil_stats()
assert st["switches"] == 0 and st["handoff_latency_us"]["count"] == 0, f"reset left {st['switches']} switches"
main = st["threads"][0]
assert main["alive"] is True and main["name"] == "MainThread", main
assert set(main) >= {"ident", "name", "alive", "instructions", "acquisitions", "held_s", "waiting_s", "blocked_s"}, sorted(main)
print(f"switch_interval_api: default interval {default}, int/float/policy round-trips and errors as expected")
