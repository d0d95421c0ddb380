# Pool and ProcessPoolExecutor initializer/initargs run once in each worker before
# its tasks; a worker's module globals persist between its tasks.
import multiprocessing
from concurrent.futures import ProcessPoolExecutor

config = {"prefix": "unset"}


def setup(prefix):
    config["prefix"] = prefix


def tag(x):
    return f"{config['prefix']}:{x}"


if __name__ == "__main__":
    with multiprocessing.Pool(2, initializer=setup, initargs=("pool",)) as pool:
        print(pool.map(tag, range(5)))
    with ProcessPoolExecutor(max_workers=2, initializer=setup, initargs=("executor",)) as ex:
        print(list(ex.map(tag, "abc")))
    print("parent's config:", config)
    with multiprocessing.Pool(1) as pool:
        print(pool.apply(tag, ("no initializer",)))
