# A child process runs under its parent's GIL settings: the switch interval in
# instructions, the timed policy's interval in seconds, and the policy.
# gilded-max-seconds: 20
import sys

import gil


def check(ok, what, measured):
    if not ok:
        print(f"FAILED: {what}: {measured}")
        sys.exit(1)
    print(f"ok: {what}")


def settings():
    return gil.switch_interval(), gil.policy(), sys.getswitchinterval()


gil.set_switch_interval(12345)
gil.set_policy("timed")
sys.setswitchinterval(0.002)
parent = settings()
child = spawn_process(settings).join()
check(child[0] == parent[0] == 12345, "the child has the parent's interval in instructions", (parent, child))
check(child[1] == parent[1] == "timed", "the child has the parent's policy", (parent, child))
check(child[2] == parent[2] == 0.002, "the child has the parent's interval in seconds", (parent, child))
