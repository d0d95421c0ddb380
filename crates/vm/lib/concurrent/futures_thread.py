"""concurrent.futures.thread: where CPython defines ThreadPoolExecutor.

gilded keeps the implementation in concurrent.futures itself; this module
gives the classes their CPython home.
"""

from concurrent.futures import ThreadPoolExecutor, BrokenThreadPool
