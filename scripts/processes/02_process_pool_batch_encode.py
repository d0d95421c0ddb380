"""The seed's "batch encode" with a process pool, and the same body on a thread pool.

ThreadPoolExecutor and ProcessPoolExecutor have the same interface: submit() returns
a future, wait() waits for them, result() gives the value or raises the task's
exception. Only the kind of worker differs, and for CPU-bound work (encoding video
here, faked by a computation) that is everything: the threads share one GIL, the
processes do not.

Run it:  gilded scripts/processes/02_process_pool_batch_encode.py   (or: python3 ...)
"""
import os
import sys
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor, wait

failed = []
WORK = 0  # iterations per "file", sized in main() and passed to each task


def claim(text, ok, measured):
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


def encode_video(file, work):
    """A fake, CPU-bound encoder: a checksum computed the slow way."""
    h = 0
    for i in range(work):
        h = (h * 31 + i + len(file)) % 1_000_003
    return f"{file} -> {file.rsplit('.', 1)[0]}.webm (checksum {h})"


def encode_video_stub(file, work):
    # ... encoding logic

    # remove the following line when you have written the logic
    raise NotImplementedError


def batch_encode(files, executor_class, encoder, work):
    """The seed's function, with the executor class as a parameter."""
    tasks = []
    with executor_class(max_workers=4) as executor:
        for file in files:
            tasks.append(executor.submit(encoder, file, work))
    wait(tasks)
    return tasks


def size_work(seconds):
    n = 20_000
    while True:
        t0 = time.perf_counter()
        encode_video("x.mp4", n)
        took = time.perf_counter() - t0
        if took >= 0.03:
            return int(n * seconds / took)
        n *= 2


def main():
    files = ["file1.mp4", "file2.mp4", "file3.mp4", "file4.mp4"]
    work = size_work(0.25)
    cores = os.cpu_count() or 1
    print(f"{len(files)} files, about 0.25 s of encoding each; {cores} CPU(s); max_workers=4")
    timings = {}
    outputs = {}
    for cls in (ThreadPoolExecutor, ProcessPoolExecutor, ThreadPoolExecutor, ProcessPoolExecutor):
        t0 = time.perf_counter()
        tasks = batch_encode(files, cls, encode_video, work)
        took = time.perf_counter() - t0
        name = cls.__name__
        timings[name] = min(took, timings.get(name, took))
        outputs[name] = [t.result() for t in tasks]
    for name, out in outputs.items():
        print(f"\n{name}: {timings[name]:.3f} s (best of 2)")
        for line in out:
            print("   ", line)
    ratio = timings["ProcessPoolExecutor"] / timings["ThreadPoolExecutor"]
    print(f"\nprocess pool / thread pool = {ratio:.2f}")

    print("\nThe seed's stub raises NotImplementedError in every task. wait() does not raise;")
    print("each future holds the exception, and result() raises it in the caller:")
    stub_errors = {}
    for cls in (ThreadPoolExecutor, ProcessPoolExecutor):
        tasks = batch_encode(files[:2], cls, encode_video_stub, 0)
        errors = [type(t.exception()).__name__ for t in tasks]
        stub_errors[cls.__name__] = errors
        try:
            tasks[0].result()
            raised = None
        except NotImplementedError as e:
            raised = type(e).__name__
        print(f"    {cls.__name__}: exceptions {errors}; result() raised {raised}")

    print()
    print("== Claims ==")
    claim("both pools return the same results through the same interface",
          outputs["ThreadPoolExecutor"] == outputs["ProcessPoolExecutor"], f"{len(files)} results")
    claim("a task's exception reaches the caller the same way in both",
          stub_errors["ThreadPoolExecutor"] == stub_errors["ProcessPoolExecutor"] == ["NotImplementedError"] * 2,
          str(stub_errors))
    if cores >= 2:
        claim("for CPU-bound work the process pool is faster than the thread pool on 2+ cores",
              ratio <= 0.75, f"process/thread = {ratio:.2f}, expected <= 0.75")
    else:
        claim("for CPU-bound work the process pool is faster than the thread pool on 2+ cores", True,
              f"skipped: os.cpu_count() = {cores}")
    if failed:
        print(f"{len(failed)} claim(s) failed")
        sys.exit(1)


if __name__ == "__main__":
    main()
