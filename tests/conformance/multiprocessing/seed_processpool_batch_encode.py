# Seed example, verbatim: submit to a ProcessPoolExecutor and wait; the tasks raise
# NotImplementedError, which wait() does not re-raise, so nothing is printed.
from concurrent.futures import ProcessPoolExecutor, wait

def encode_video(file):
    # ... encoding logic

    # remove the following line when you have written the logic
    raise NotImplementedError

def batch_encode(files):
    tasks = []

    with ProcessPoolExecutor(max_workers=4) as executor:
        for file in files:
            tasks.append(executor.submit(encode_video, file))

    wait(tasks)


if __name__ == "__main__":
    filePaths = ['file1.mp4', 'file2.mp4']
    batch_encode(filePaths)
