"""Two child processes computing at once, for the observability tests: their
reports come back to the parent, with their own traces, and their running spans
overlap in time (each process has its own GIL)."""


def crunch(n):
    total = 0
    for i in range(n):
        total += i % 7
    return total


children = [spawn_process(crunch, 1_500_000) for _ in range(2)]
print("children:", [c.join() for c in children])
