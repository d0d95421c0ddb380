"""concurrent.futures.process: where CPython defines ProcessPoolExecutor.

gilded keeps the implementation in concurrent.futures itself (one file to
read); this module gives the classes their CPython home, so that
``from concurrent.futures.process import BrokenProcessPool`` works.
"""

from concurrent.futures import (ProcessPoolExecutor, BrokenProcessPool,
                                _RemoteTraceback, _process_worker,
                                _process_chunk)
