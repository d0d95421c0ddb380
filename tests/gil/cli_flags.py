# gilded-args: --switch-interval 777 --gil-policy timed
"""The command-line flags set the lock's initial settings: --switch-interval 777 and
--gil-policy timed are what gil.policy() and gil.stats() report at start-up;
getswitchinterval() answers in the timed policy's unit (its default 0.005 s), and
in instructions (777) once the policy is fair.
"""
import gil
import sys

assert gil.policy() == "timed", f"policy {gil.policy()!r}, expected 'timed'"
st = gil.stats()
assert st["switch_interval"] == 777 and st["policy"] == "timed", (st["switch_interval"], st["policy"])
assert sys.getswitchinterval() == 0.005, f"getswitchinterval() under timed is {sys.getswitchinterval()!r}"
gil.set_policy("fair")
assert sys.getswitchinterval() == 777, f"getswitchinterval() under fair is {sys.getswitchinterval()!r}, expected 777"
print("cli_flags: --switch-interval 777 --gil-policy timed seen at start-up")
