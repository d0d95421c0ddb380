"""A thread pool for I/O: a (simulated) web scraper with ThreadPoolExecutor.

Fetching a web page is mostly waiting for the network. While one thread waits,
another can send its own request: a pool of threads overlaps the waits. Here
"fetching" is time.sleep() for the page's latency, so the lesson runs offline and
its timings are predictable; real network waits release the GIL the same way.

Run it:  gilded scripts/threads/04_thread_pool_scraper.py   (or: python3 ...)
"""
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor, as_completed

try:
    import gil  # gilded's built-in module: the GIL's statistics and settings
except ImportError:  # python3 has no such module
    gil = None
GILDED = gil is not None
failed = []


def claim(text, ok, measured):
    """Print whether a claim this lesson makes held, with what was measured."""
    print(f"CLAIM {'HELD' if ok else 'FAILED'}: {text} ({measured})")
    if not ok:
        failed.append(text)


# 16 pages; latencies from 40 to 160 ms, in a scrambled order.
URLS = [f"https://example.org/page/{k}" for k in range(16)]
LATENCY = {url: 0.04 + 0.008 * ((k * 7) % 16) for k, url in enumerate(URLS)}
BROKEN = "https://example.org/broken"


def fetch(url):
    """Pretend to download `url`: wait for the network, then return a page."""
    if url == BROKEN:
        time.sleep(0.02)
        raise ConnectionError(f"cannot reach {url}")
    time.sleep(LATENCY[url])
    return f"<html>{url}</html>"


def scrape(url):
    """Download a page; report its size and which thread fetched it."""
    page = fetch(url)
    return url, len(page), threading.current_thread().name


print(f"== 1. One after the other: {len(URLS)} pages ==")
t0 = time.perf_counter()
sequential = [scrape(url) for url in URLS]
seq_time = time.perf_counter() - t0
print(f"  {seq_time:.2f} s (the sum of all latencies: {sum(LATENCY.values()):.2f} s)")

print()
print("== 2. ThreadPoolExecutor(max_workers=8), executor.map ==")
if GILDED:
    gil.reset_stats()
t0 = time.perf_counter()
with ThreadPoolExecutor(max_workers=8) as executor:
    pooled = list(executor.map(scrape, URLS))  # results come back in input order
pool_time = time.perf_counter() - t0
workers_used = sorted({name for _, _, name in pooled})
print(f"  {pool_time:.2f} s with {len(workers_used)} worker threads; speed-up {seq_time / pool_time:.1f}x")
print("  map() returns results in the order of the inputs, whichever finished first.")
same_results = [(u, n) for u, n, _ in pooled] == [(u, n) for u, n, _ in sequential]
if GILDED:
    st = gil.stats()
    pool_threads = [r for r in st["threads"] if r["name"] in workers_used]
    held = sum(r["held_s"] for r in pool_threads)
    blocked = sum(r["blocked_s"] for r in pool_threads)
    print(f"  the pool's threads held the GIL {held * 1000:.1f} ms in all and were blocked "
          f"(waiting on the 'network' or for work) {blocked:.2f} s in all:")
    print("  the waits overlap, and nobody needs the GIL while waiting.")

print()
print("== 3. submit() and as_completed(): results as they arrive, errors included ==")
order = []
errors = []
with ThreadPoolExecutor(max_workers=16) as executor:
    futures = {executor.submit(scrape, url): url for url in URLS + [BROKEN]}
    for future in as_completed(futures):
        url = futures[future]
        try:
            future.result()  # re-raises the worker's exception here, in the main thread
            order.append(url)
        except ConnectionError as e:
            errors.append(str(e))
            print(f"  failed: {e}")
fastest = min(URLS, key=lambda u: LATENCY[u])
print(f"  first page to arrive: {order[0]} ({LATENCY[order[0]] * 1000:.0f} ms latency); "
      f"the fastest page was {fastest}")
print("  A failing task does not kill the pool: its exception waits in the future")
print("  until someone asks for the result.")

print()
print("== Claims ==")
claim("8 threads overlap the waits: the pool is at least 4x faster than one-by-one",
      seq_time / pool_time >= 4, f"{seq_time:.2f} s vs {pool_time:.2f} s = {seq_time / pool_time:.1f}x")
claim("executor.map returns the same results in the same order as the sequential loop",
      same_results, f"{len(pooled)} results")
claim("as_completed yields the fastest page first", order[0] == fastest, f"first: {order[0]}")
claim("an exception in a task is re-raised by future.result() and the other tasks complete",
      len(errors) == 1 and len(order) == len(URLS), f"{len(errors)} error(s), {len(order)} pages")
if GILDED:
    claim("threads waiting for I/O hold the GIL for a small part of their waiting time",
          held < 0.1 * blocked, f"held {held * 1000:.1f} ms, blocked {blocked:.2f} s")
if failed:
    print(f"{len(failed)} claim(s) failed")
    sys.exit(1)
