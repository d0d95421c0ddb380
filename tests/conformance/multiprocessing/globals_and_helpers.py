# The child's function uses module globals, other functions and a class of the
# script; instances of the script's classes travel both ways.
import multiprocessing

SCALE = 3
NAMES = ("zero", "one", "two", "three")


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def scaled(self, k):
        return Point(self.x * k, self.y * k)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


def name_of(n):
    return NAMES[n] if n < len(NAMES) else str(n)


def transform(p):
    return p.scaled(SCALE), name_of(p.x)


def in_child(q, points):
    q.put([transform(p) for p in points])


if __name__ == "__main__":
    q = multiprocessing.Queue()
    proc = multiprocessing.Process(target=in_child, args=(q, [Point(1, 2), Point(3, 4)]))
    proc.start()
    result = q.get(timeout=10)
    proc.join()
    print(result, type(result[0][0]) is Point)
    with multiprocessing.Pool(2) as pool:
        out = pool.map(transform, [Point(k, -k) for k in range(5)])
    print(out)
    print(all(type(p) is Point for p, _ in out))
