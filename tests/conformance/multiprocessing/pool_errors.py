# Exceptions raised in pool tasks reach the parent; AsyncResult.get(timeout) ->
# multiprocessing.TimeoutError; error_callback; using a closed pool.
import multiprocessing
import time


def fail(x):
    if x == 3:
        raise ValueError(f"bad item {x}")
    return x


def slow():
    time.sleep(0.5)
    return "late"


if __name__ == "__main__":
    with multiprocessing.Pool(2) as pool:
        try:
            pool.map(fail, range(5))
        except ValueError as e:
            print("map:", type(e).__name__, e)
        try:
            pool.apply(fail, (3,))
        except ValueError as e:
            print("apply:", type(e).__name__, e)
        r = pool.apply_async(fail, (3,))
        r.wait(10)
        print("ready:", r.ready(), "successful:", r.successful())
        try:
            r.get()
        except ValueError as e:
            print("get:", type(e).__name__, e)
        errors = []
        r = pool.apply_async(fail, (3,), error_callback=errors.append)
        r.wait(10)
        print("error_callback:", [(type(e).__name__, str(e)) for e in errors])
        slow_result = pool.apply_async(slow)
        try:
            slow_result.get(timeout=0.05)
        except multiprocessing.TimeoutError as e:
            print("get(timeout=0.05):", type(e).__name__,
                  isinstance(e, multiprocessing.ProcessError), isinstance(e, TimeoutError))
        print("ready:", slow_result.ready())
        print(slow_result.get(timeout=10))
        it = pool.imap(fail, range(5))
        out = []
        try:
            for v in it:
                out.append(v)
        except ValueError as e:
            print("imap stopped after", out, "with", type(e).__name__, e)
    pool = multiprocessing.Pool(1)
    pool.close()
    try:
        pool.apply(fail, (1,))
    except ValueError as e:
        print("closed pool:", type(e).__name__, e)
    pool.join()
