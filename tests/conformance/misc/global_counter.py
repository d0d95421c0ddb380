calls = 0
log = []
def tracked(name):
    global calls
    calls += 1
    log.append(name)
def run():
    for n in ["a", "b", "c"]:
        tracked(n)
run()
run()
print(calls, log)
def reset():
    global calls, log
    calls = 0
    log = []
reset()
print(calls, log)
