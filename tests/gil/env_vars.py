# gilded-env: GILDED_SWITCH_INTERVAL=555
# gilded-env: GILDED_GIL_POLICY=greedy
"""The environment sets the lock's initial settings: GILDED_SWITCH_INTERVAL=555 and
GILDED_GIL_POLICY=greedy are what getswitchinterval(), gil.policy() and
gil.stats() report at start-up.
"""
import gil
import sys

assert sys.getswitchinterval() == 555, f"getswitchinterval() is {sys.getswitchinterval()!r}, expected 555"
assert gil.policy() == "greedy", f"policy {gil.policy()!r}, expected 'greedy'"
st = gil.stats()
assert st["switch_interval"] == 555 and st["policy"] == "greedy", (st["switch_interval"], st["policy"])
print("env_vars: GILDED_SWITCH_INTERVAL=555 GILDED_GIL_POLICY=greedy seen at start-up")
