# A user-defined exception class raised in a child is caught in the parent by its
# own class, with its arguments and attributes.
import multiprocessing
from concurrent.futures import ProcessPoolExecutor


class MyError(Exception):
    pass


class CodedError(MyError):
    def __init__(self, msg, code):
        super().__init__(msg, code)
        self.code = code


def check(n):
    if n < 0:
        raise MyError(f"negative: {n}")
    if n == 0:
        raise CodedError("zero", 42)
    return n


if __name__ == "__main__":
    with multiprocessing.Pool(1) as pool:
        for n in (5, -1, 0):
            try:
                print("ok", pool.apply(check, (n,)))
            except CodedError as e:
                print("CodedError", e.args, e.code, isinstance(e, MyError))
            except MyError as e:
                print("MyError", e, type(e) is MyError)
    with ProcessPoolExecutor(max_workers=1) as ex:
        for n in (7, -2, 0):
            fut = ex.submit(check, n)
            try:
                print("ok", fut.result(timeout=10))
            except MyError as e:
                print(type(e).__name__, e.args)
